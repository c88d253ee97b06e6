/* util.h — internal helpers shared by the core's files (not part of lrplay.h). */
#ifndef LRP_UTIL_H
#define LRP_UTIL_H
#include <stddef.h>

/* Writes a one-line reason into the caller's err buffer (nothing when err is NULL or
 * errlen is 0): the core's only way of saying what went wrong. */
void lrp_say(char *err, size_t errlen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
#endif
