/* placeholder until the store lands (not committed) */
#include "serve.h"
int sv_events(const sv_request *q, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
int sv_event(const sv_request *q, const char *id, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
int sv_timeseries(const sv_request *q, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
int sv_network(const sv_request *q, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
int sv_store_doc(const sv_request *q, const tac_doc *d, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
