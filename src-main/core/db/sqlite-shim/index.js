// See package.json: one SQLite addon in the app, under the name drizzle expects.
module.exports = require('better-sqlite3-multiple-ciphers');
