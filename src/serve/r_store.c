/* temporary until the store lands */
#include "serve.h"
int sv_store_doc(const sv_request *q, const tac_doc *d, sv_reply *rep) { return sv_error(rep, 503, "no store"); }
