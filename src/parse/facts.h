/* facts.h - private to src/parse: the host-fact parsers of facts.c and sysinfo.c, for the
 * registry. */
#ifndef RCA_PARSE_FACTS_H
#define RCA_PARSE_FACTS_H

#include "rca_parse.h"

rca_err rca_parse_hostname(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_date(const char *path, const char *arg, const char *text, size_t len,
                       const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_timedatectl(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_timezone(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_uname(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_sos_version(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_nova_conf(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag);

/* sysinfo.c */
rca_err rca_parse_uptime(const char *path, const char *arg, const char *text, size_t len,
                         const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_lsmod(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_status_kv(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag);

#endif
