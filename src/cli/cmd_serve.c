/*
 * cmd_serve.c - `tacitus serve`: the HTTP API and dashboard on loopback
 * until SIGINT or SIGTERM. Prints the address it listens on (to stderr,
 * and as "port N" on stdout so scripts asking for --port 0 learn it).
 */
#include "cli.h"
#include "../serve/serve.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_serve(int argc, char **argv) {
    sv_config c;
    sv_config_init(&c);
    tac_options opt;
    tac_options_init(&opt);
    const char *web = NULL;
    int no_web = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "--db") && v) { c.db_path = v; i++; }
        else if (!strcmp(a, "--web") && v) { web = v; i++; }
        else if (!strcmp(a, "--no-web")) no_web = 1;
        else if (!strcmp(a, "--bind") && v) { c.bind = v; i++; }
        else if (!strcmp(a, "--cors") && v) { c.cors_origin = v; i++; }
        else if (!strcmp(a, "--models") && v) { opt.model_dir = v; i++; }
        else if (!strcmp(a, "--data") && v) { opt.data_dir = v; i++; }
        else if ((!strcmp(a, "--port") || !strcmp(a, "--max-body") || !strcmp(a, "--threads") ||
                  !strcmp(a, "--max-connections") || !strcmp(a, "--timeout")) && v) {
            unsigned long n = strtoul(v, &end, 10);
            if (!*v || *end) return cli_usage("serve: %s needs a number, not '%s'", a, v);
            if (!strcmp(a, "--port")) c.port = (unsigned)n;
            else if (!strcmp(a, "--max-body")) c.max_body = n;
            else if (!strcmp(a, "--threads")) c.threads = (unsigned)n;
            else if (!strcmp(a, "--max-connections")) c.max_conns = (unsigned)n;
            else c.timeout_s = (unsigned)n;
            i++;
        } else return cli_usage("serve: unknown or incomplete option '%s'", a);
    }
    if (c.port > 65535) return cli_usage("serve: --port must be 0-65535");
    if (c.threads < 1 || c.threads > 64) return cli_usage("serve: --threads must be 1-64");
    if (c.max_body < 1) return cli_usage("serve: --max-body must be at least 1");
    struct stat sb;
    if (c.db_path && stat(c.db_path, &sb) != 0) {
        fprintf(stderr, "tacitus: serve: %s: no such store (create it with tacitus ingest)\n",
                c.db_path);
        return CLI_FATAL;
    }
    /* the dashboard ships in web/ beside data/; TACITUS_WEB points elsewhere */
    if (!web && !no_web) {
        const char *env = getenv("TACITUS_WEB");
        web = env && *env ? env : "web";
        if (stat(web, &sb) != 0 || !S_ISDIR(sb.st_mode)) web = NULL;
    }
    c.web_dir = no_web ? NULL : web;
    tac_error err;
    tac_engine *eng = NULL;
    cli_check_models(&opt);
    if (tac_engine_open(&opt, &eng, &err) != TAC_OK) { cli_error(&err); return CLI_FATAL; }
    /* block the stop signals before the daemon's threads start, so they
     * inherit the mask and only sigwait below receives them */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    sv_server *s = NULL;
    if (sv_start(eng, &c, &s, &err) != TAC_OK) {
        cli_error(&err);
        tac_engine_free(eng);
        return CLI_FATAL;
    }
    fprintf(stderr, "tacitus: serving http://%s:%u/ (store %s, dashboard %s); Ctrl-C stops\n",
            c.bind, sv_port(s), c.db_path ? c.db_path : "none", c.web_dir ? c.web_dir : "none");
    printf("port %u\n", sv_port(s));
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "tacitus: serve: stopping (signal %d)\n", sig);
    sv_stop(s);
    tac_engine_free(eng);
    return CLI_OK;
}
