/** Dates and times inside text: the call's start from its candidates, a file name's date, one "when" text. */
export { readCallStart, type CallStart, type CallStartContext, type StartCandidate } from './call-start';
export { dateFromFilename, type FilenameDate } from './filename-date';
export { formatStart, readStart, type StartContext, type StartReading } from './start-reading';
export { readWhenParts, type WhenParts } from './when-parts';
