# tacitus - plain Makefile. Targets: all (default), test, demo, bench, fuzz,
# valgrind (unit tests and one `code` under memcheck: minutes), clean. Sanitizers: make SANITIZER=address,undefined (separate build dir).

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
ifeq ($(CI),true)
WARN    += -Werror
endif
CPPFLAGS += -Iinclude -I/usr/include/libxml2 -D_DEFAULT_SOURCE
LIBS    := -lutf8proc -ljansson -lxml2 -lz -lmicrohttpd -lsqlite3 -lm -lpthread

BUILD   ?= build
ifneq ($(SANITIZER),)
BUILD   := build-san
CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZER) -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZER)
endif

LIB_SRC := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
PIC_OBJ := $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all test demo bench soak fuzz clean deps models python valgrind

# Trained models are build outputs: made from data/ with fixed seeds, so the
# same data gives the same bytes. Sanitizer builds reuse build/models (the
# plain binary trains them) instead of training under ASan.
ifeq ($(SANITIZER),)
MODEL_DIR := $(BUILD)/models
TRAINER := $(BUILD)/tacitus
else
MODEL_DIR := build/models
TRAINER := build/tacitus
endif
MODELS  := $(MODEL_DIR)/tagger.tacm $(MODEL_DIR)/parser.tacm $(MODEL_DIR)/ner.tacm
NER_TRAIN := data/ner/en_ewt-ud-train.2022prerelease.PER-ORG-LOC.iob2
NER_DEV := data/ner/en_ewt-ud-dev.iob2
# names the NER model stores as gazetteer features (src/ner/ne_gaz.c)
NER_GAZ := data/geo/cities15000.txt data/geo/admin1CodesASCII.txt data/geo/demonyms/demonyms_eng.tsv \
           data/dict/Phoenix.Countries.actors.txt data/dict/Phoenix.International.actors.txt \
           data/dict/Phoenix.MilNonState.actors.txt
UD_TRAIN := data/ud/en_ewt-ud-train.conllu
UD_DEV  := data/ud/en_ewt-ud-dev.conllu

all: $(BUILD)/tacitus $(BUILD)/libtacitus.a $(BUILD)/libtacitus.so models

models: $(MODELS)

ifeq ($(SANITIZER),)
# A model depends on its data and on the code that defines its features, not
# on the whole binary, so unrelated changes do not retrain it.
LEARN_SRC := $(wildcard src/learn/*.[ch])
$(MODEL_DIR)/ner.tacm: $(NER_TRAIN) $(NER_DEV) $(NER_GAZ) $(wildcard src/ner/*.[ch]) $(LEARN_SRC) | $(TRAINER)
	@mkdir -p $(MODEL_DIR)
	$(TRAINER) train ner --train $(NER_TRAIN) --dev $(NER_DEV) --gazetteer data --final -o $@

$(MODEL_DIR)/tagger.tacm: $(UD_TRAIN) $(UD_DEV) $(wildcard data/lexicon/*.exc) \
		$(wildcard src/tag/*.[ch] src/lexicon/*.[ch]) $(LEARN_SRC) | $(TRAINER)
	@mkdir -p $(MODEL_DIR)
	$(TRAINER) train tagger --train $(UD_TRAIN) --dev $(UD_DEV) --lexicon data/lexicon -o $@

# The parser learns from 3-fold jack-knifed tags, as wrong as the tags it
# will see at run time (0.4 UAS better than training on gold tags); its two
# runs (averaged into one model) train in two threads.
$(MODEL_DIR)/parser.tacm: $(UD_TRAIN) $(UD_DEV) $(MODEL_DIR)/tagger.tacm $(wildcard src/parse/*.[ch]) \
		$(LEARN_SRC) | $(TRAINER)
	@mkdir -p $(MODEL_DIR)
	$(TRAINER) train parser --train $(UD_TRAIN) --dev $(UD_DEV) --tagger $(MODEL_DIR)/tagger.tacm \
	    --jackknife 3 -o $@
else
$(MODELS): FORCE
	$(MAKE) BUILD=build SANITIZER= models
endif
FORCE:

# Installs the Debian packages once per build directory (fast when present).
$(BUILD)/.deps: scripts/deps.sh
	@mkdir -p $(BUILD)
	sh scripts/deps.sh
	@touch $@

$(BUILD)/obj/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fvisibility=hidden -MMD -MP -c $< -o $@

$(BUILD)/pic/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

$(BUILD)/libtacitus.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libtacitus.so: $(PIC_OBJ)
	$(CC) -shared $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tacitus: $(CLI_OBJ) $(BUILD)/libtacitus.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libtacitus.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libtacitus.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libtacitus.a $(LIBS)

test: $(BUILD)/tacitus $(BUILD)/libtacitus.so $(TEST_BIN) $(MODELS)
	@BUILD=$(BUILD) TACITUS_MODELS=$(MODEL_DIR) sh tests/run.sh $(TEST_BIN)

valgrind: $(BUILD)/tacitus $(TEST_BIN) $(MODELS)
	@BUILD=$(BUILD) TACITUS_MODELS=$(MODEL_DIR) sh tests/valgrind.sh

demo: $(BUILD)/tacitus $(MODELS)
	TACITUS_MODELS=$(MODEL_DIR) $(BUILD)/tacitus code --date 2024-01-11 --layers sentences examples/seed-article.txt

# The Python package: library, models and run-time data staged into it, a
# wheel built offline, and installed into $(BUILD)/venv (Debian's python
# refuses system-wide pip installs). `pip install $(BUILD)/python/*.whl`
# installs the same wheel anywhere.
PYTHON ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
PY_BUNDLE := python/tacitus/_bundle
python: $(BUILD)/libtacitus.so $(MODELS)
	rm -rf $(PY_BUNDLE) $(BUILD)/python
	mkdir -p $(PY_BUNDLE)/build/models $(PY_BUNDLE)/data
	cp $(BUILD)/libtacitus.so $(PY_BUNDLE)/build/
	cp $(MODEL_DIR)/*.tacm $(PY_BUNDLE)/build/models/
	cp -r $(wildcard data/dict data/cameo data/plover data/geo data/lexicon) $(PY_BUNDLE)/data/
	$(PYTHON) -m pip wheel --quiet --no-build-isolation --no-index --no-deps -w $(BUILD)/python ./python
	rm -rf $(PY_BUNDLE) python/build python/tacitus.egg-info
	[ -x $(BUILD)/venv/bin/pip ] || $(PYTHON) -m venv --system-site-packages $(BUILD)/venv
	$(BUILD)/venv/bin/pip install --quiet --no-index --force-reinstall $(BUILD)/python/tacitus-*.whl
	@echo "python: installed in $(BUILD)/venv (. $(BUILD)/venv/bin/activate); wheel in $(BUILD)/python/"

bench: $(BUILD)/tacitus
	@sh bench/run.sh $(BUILD)

# 100,000 articles through `tacitus code`: memory must stay flat (bench/soak.sh)
soak: $(BUILD)/tacitus $(MODELS)
	@sh bench/soak.sh $(BUILD)

fuzz:
	@sh fuzz/run.sh

deps:
	sh scripts/deps.sh

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
