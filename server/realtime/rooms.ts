/** Every Socket.IO room Roundtable uses. A broadcast names its audience through one of these. */

/** Everyone who joined the call. */
export const callRoom = (callId: string) => `call:${callId}`;
/** Hosts and scribes: they also receive questions waiting for approval. */
export const moderatorRoom = (callId: string) => `call:${callId}:moderators`;
/** Hosts only: what moderators see while the host has not let scribes moderate questions (vote signals). */
export const hostRoom = (callId: string) => `call:${callId}:hosts`;
/** Sockets showing the participants list: only they get its live changes (a big call has many quiet attendees). */
export const participantsRoom = (callId: string) => `call:${callId}:participants`;
/** One participant's sockets (removal notices, their own activity). */
export const participantRoom = (participantId: string) => `participant:${participantId}`;
