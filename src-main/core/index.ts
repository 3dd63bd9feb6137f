export { createServices, type Services, type ServicesConfig } from './services';
export { createHandlers, type Handlers, type CallContext } from './api/handlers';
export { createDispatcher, type Dispatcher } from './api/dispatch';
export { SessionSlot } from './auth';
export { resolveDataDir, findAppRoot, dataPaths } from './paths';
export { restoreBackup } from './db/backup';
