/*
 * Error codes shared by every module.  Functions return 0 on success and
 * one of these (negative) on failure; the human-readable detail goes into
 * the error message of the handle that failed.
 */
#ifndef RM_ERRORS_H
#define RM_ERRORS_H

enum rm_error {
	RM_OK = 0,
	RM_EINVAL = -1,    /* bad argument or malformed input */
	RM_EIO = -2,       /* file or network I/O failed */
	RM_ETOOLARGE = -3, /* an input limit was hit */
	RM_ENOTFOUND = -4, /* no such item */
	RM_ECONFIG = -5,   /* configuration or data file is wrong */
	RM_EDB = -6,       /* the database reported an error */
	RM_EBUSY = -7,     /* another process holds the resource */
	RM_ELIMIT = -8,    /* a matching or time budget was exhausted */
};

/* A static, human-readable name for an rm_error code. */
const char *rm_strerror(int code);

#endif
