/** Exit codes of every command: 0 all good, 1 some records failed, 2 usage or fatal error. */
export const EXIT_OK = 0;
export const EXIT_RECORD_ERRORS = 1;
export const EXIT_FATAL = 2;
