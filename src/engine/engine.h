/*
 * engine.h - the engine: options and the read-only shared resources.
 */
#ifndef TAC_ENGINE_H
#define TAC_ENGINE_H

#include "tacitus.h"

struct tac_engine {
    tac_options opt;
    char *data_dir;     /* owned copy */
};

#endif
