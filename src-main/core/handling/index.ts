export { createCalendar, type Calendar } from './calendar';
export { createHandling, type Handling } from './directives';
export { createUnits, type Units } from './units';
