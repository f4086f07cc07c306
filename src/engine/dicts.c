/*
 * dicts.c - loads the engine's dictionaries once, read-only: the Phoenix
 * actor sets, the agents, and the project's own current-actor file layered
 * over them (files that are absent are skipped).
 */
#include "engine.h"
#include "../core/error.h"
#include "../dict/dict.h"

#include <stdio.h>
#include <sys/stat.h>

static const char *const files[] = {
    "tacitus.actors.txt",  /* project-maintained, current leaders: first, so it wins */
    "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "tacitus.agents.txt",  /* project-maintained agents: before Phoenix's, so it wins */
    "Phoenix.agents.txt", NULL};

tac_status eng_dict_open(tac_engine *e, tac_error *err) {
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/dict", e->data_dir);
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) return TAC_OK; /* no dictionaries */
    tac_status st = dict_set_new(&e->dict, err);
    for (size_t i = 0; st == TAC_OK && files[i]; i++) {
        snprintf(path, sizeof path, "%s/dict/%s", e->data_dir, files[i]);
        if (stat(path, &sb) != 0) continue;
        st = dict_set_load(e->dict, path, DICT_AUTO, err);
    }
    return st;
}
