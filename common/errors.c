#include "common/errors.h"

const char *
rm_strerror(int code)
{
	switch (code) {
	case RM_OK: return "success";
	case RM_EINVAL: return "invalid input";
	case RM_EIO: return "input/output error";
	case RM_ETOOLARGE: return "size limit exceeded";
	case RM_ENOTFOUND: return "not found";
	case RM_ECONFIG: return "configuration error";
	case RM_EDB: return "database error";
	case RM_EBUSY: return "resource busy";
	case RM_ELIMIT: return "work limit exceeded";
	}
	return "unknown error";
}
