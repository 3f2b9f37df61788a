/**
 * Every browser gets the decoded lines; a classroom's incr file stays far below this. Of a bigger file (a long
 * session) only its last window is decoded, and the viewer says from which byte.
 */
export const AOF_WINDOW_BYTES = 64 * 1024;
