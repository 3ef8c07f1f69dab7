/** Moved to ./dates (issue 11); this path stays for the modules that import it. */
export { formatStart, readStart, type StartContext, type StartReading } from './dates/start-reading';
