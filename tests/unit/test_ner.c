/*
 * test_ner.c - the NER tagger: IOB2 reader errors, conlleval counting,
 * the gazetteer reader on a small data folder of every format, the
 * document pass, and a small model trained on the first 500 UNER EWT
 * sentences with that gazetteer (finds a person, round-trips through its
 * file, rejects corrupt and old files, trains byte-identically twice, always
 * emits well-formed BIO).
 */
#include "check.h"
#include "learn/modelfile.h"
#include "ner/ne_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TRAIN "data/ner/en_ewt-ud-train.2022prerelease.PER-ORG-LOC.iob2"
#define DEV "data/ner/en_ewt-ud-dev.iob2"

static void test_reader(void) {
    const char *ok = "# sent_id = a\n# text = Ann met Bob\n1\tAnn\tB-PER\t-\t-\n2\tmet\tO\n3\tBob\tB-PER\n"
                     "\n# newdoc id = d2\n1\tin\tO\n2\tNew\tB-LOC\n3\tYork\tI-LOC\n";
    ne_corpus c;
    tac_error err;
    CHECK(ne_corpus_parse(ok, strlen(ok), "ok", &c, &err) == TAC_OK);
    CHECK(c.nsents == 2 && c.ntoks == 6 && c.ndocs == 2);
    CHECK(c.nsents == 2 && c.sents[1].doc == 1 && c.sents[1].line == 8);
    CHECK_STR(c.forms[4], "New");
    CHECK(c.tags[5] == NE_BIO_I(2));
    ne_corpus_free(&c);

    const struct { const char *text; long long line; } bad[] = {
        {"1\tAnn\tB-PER\n2\tmet\n", 2},                   /* missing tag field */
        {"1\tAnn\tB-PER\n\n1\ta\tO\n3\tb\tO\n", 4},       /* id out of sequence */
        {"1\tAnn\tB-PER\n2\tx\tB-MISC\n", 2},             /* unknown type */
        {"# c\n1\tAnn\tO\n2\t\tO\n", 3},                  /* empty form */
        {"1\tAnn\tO\n# inside a sentence\n", 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tac_status s = ne_corpus_parse(bad[i].text, strlen(bad[i].text), "bad.iob2", &c, &err);
        CHECK(s == TAC_EPARSE);
        CHECK(err.record == bad[i].line);
        CHECK_STR(err.file, "bad.iob2");
        ne_corpus_free(&c);
    }
    CHECK(ne_corpus_load("/nonexistent/x.iob2", &c, &err) == TAC_EIO);
    ne_corpus_free(&c);
}

/* Random bytes and mutated valid text: the reader must return (ok or a
 * parse error), never crash or read out of bounds (run under ASan). */
static void test_reader_noise(void) {
    const char *seed = "# text = x\n1\tAnn\tB-PER\t-\t-\n2\tSmith\tI-PER\n\n1\tin\tO\n";
    size_t n = strlen(seed);
    char buf[128];
    uint64_t r = 12345;
    int sane = 1;
    for (int k = 0; k < 2000; k++) {
        memcpy(buf, seed, n);
        for (int m = 0; m < 3; m++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            char ch = k < 1000 ? "\t\n#-0IBO9 "[(r >> 20) % 11] : (char)((r >> 12) & 0xff);
            buf[(r >> 33) % n] = ch;
        }
        ne_corpus c;
        tac_error err;
        tac_status s = ne_corpus_parse(buf, n, "noise", &c, &err);
        if (s == TAC_OK) {
            for (size_t i = 0; i < c.ntoks; i++) sane &= c.forms[i][0] != 0 && c.tags[i] < NE_NBIO;
        } else sane &= s == TAC_EPARSE && err.record >= 0;
        ne_corpus_free(&c);
    }
    CHECK(sane);
}

static void test_count(void) {
    /* gold: [Ann]PER met [New York]LOC ; pred: [Ann]PER met [New]LOC [York]ORG */
    uint8_t gold[] = {1, 0, 5, 6}, pred[] = {1, 0, 5, 4};
    ne_counts c;
    memset(&c, 0, sizeof c);
    ne_count(gold, pred, 4, &c);
    CHECK(c.gold[0] == 1 && c.correct[0] == 1 && c.gold[2] == 1 && c.correct[2] == 0);
    CHECK(c.pred[2] == 1 && c.pred[1] == 1); /* a stray I-ORG starts an ORG span */
    double p, r, f;
    ne_prf(&c, -1, &p, &r, &f);
    CHECK(p > 33.3 && p < 33.4 && r == 50.0);
}

/* Well-formed IOB2: no I-X unless the previous label is B-X or I-X. */
static int well_formed(const char **l, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (l[i][0] != 'I') continue;
        if (i == 0 || l[i - 1][0] == 'O' || strcmp(l[i - 1] + 2, l[i] + 2)) return 0;
    }
    return 1;
}

/* ---- gazetteer ---- */

static void put_file(const char *dir, const char *name, const char *text) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* A data folder with one small file of each gazetteer format; dir gets
 * its path (a mkdtemp template). Returns 0 or -1. */
static int make_gaz_dir(char *dir) {
    if (!mkdtemp(dir)) return -1;
    char p[512];
    snprintf(p, sizeof p, "%s/geo", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/geo/demonyms", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/dict", dir);
    mkdir(p, 0700);
    put_file(dir, "geo/cities15000.txt",
             "1\tParis\tParis\tParigi,Lutece,PAR\t48.8\t2.3\tP\tPPLC\tFR\t\t11\t\t\t\t2138551\t\t42\tEurope/Paris\t2024-01-01\n"
             "2\tSmallville\tSmallville\tSuperton\t0\t0\tP\tPPL\tUS\t\tKS\t\t\t\t20000\t\t1\tAmerica/Chicago\t2024-01-01\n");
    put_file(dir, "geo/admin1CodesASCII.txt", "US.TX\tTexas\tTexas\t4736286\n");
    put_file(dir, "geo/demonyms/demonyms_eng.tsv",
             "#cca2\tcca3\tcommon_name\tofficial_name\tdemonym_m\tdemonym_f\taltSpellings\n"
             "FR\tFRA\tFrance\tFrench Republic\tFrench\tFrench\tFR|Republique francaise\n");
    put_file(dir, "dict/Phoenix.Countries.actors.txt",
             "# comment\nFRANCE_ [FRA]\n+MARSEILLE_\n\n"
             "EMMANUEL_MACRON_  # CountryInfo.txt\n\t[FRAGOV 170514-]\n"
             "FRENCH_ARMY\n+FRENCH_ARMED_FORCES\n\t[FRAMIL]\n");
    put_file(dir, "dict/Phoenix.International.actors.txt",
             "WAL-MART_STORES_INC [MNCUSA]\nUNITED_NATIONS_ [IGOUNO]\n");
    put_file(dir, "dict/Phoenix.MilNonState.actors.txt",
             "ABU_NIDAL_ORGANIZATION [IMGMUSALQ] # note\n+FATAH_REVOLUTIONARY_COUNCIL_\n");
    return 0;
}

static void rm_gaz_dir(const char *dir) {
    const char *files[] = {"geo/cities15000.txt", "geo/admin1CodesASCII.txt",
                           "geo/demonyms/demonyms_eng.tsv", "dict/Phoenix.Countries.actors.txt",
                           "dict/Phoenix.International.actors.txt",
                           "dict/Phoenix.MilNonState.actors.txt", "geo/demonyms", "geo", "dict", ""};
    char p[512];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        remove(p);
    }
}

/* Gazetteer value of a name given as space-separated lowercase tokens. */
static uint32_t gz(const ne_lex *x, const char *name) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", name);
    uint64_t h = 0;
    int first = 1;
    for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
        h = first ? ne_lex_span_start(t, strlen(t)) : ne_lex_span_more(h, t, strlen(t));
        first = 0;
    }
    return ne_lex_get(x, h);
}

static void test_gaz(const char *dir) {
    ne_lex x;
    tac_error err;
    CHECK(ne_gaz_build(dir, &x, &err) == TAC_OK);
    uint32_t v = gz(&x, "paris");
    CHECK((v & NE_GZ_CITY) && (v & NE_GZ_BIGCITY) && !(v & NE_GZ_PERSON));
    CHECK(gz(&x, "parigi") & NE_GZ_CITY);             /* alternate name of a big city */
    CHECK(!gz(&x, "par"));                            /* a code, not a name */
    CHECK(!gz(&x, "superton"));                       /* alternates only for big cities */
    CHECK(gz(&x, "smallville") == NE_GZ_CITY);
    CHECK(gz(&x, "texas") == NE_GZ_ADMIN);
    CHECK(gz(&x, "france") & NE_GZ_COUNTRY);
    CHECK(gz(&x, "republique francaise") & NE_GZ_COUNTRY);
    CHECK(gz(&x, "marseille") & NE_GZ_COUNTRY);       /* a synonym under a country code */
    CHECK(gz(&x, "french") & NE_GZ_DEMONYM);
    CHECK(gz(&x, "french") & NE_GZ_PREFIX);           /* "french army" goes on */
    CHECK(gz(&x, "french republic") & NE_GZ_COUNTRY);
    CHECK(gz(&x, "emmanuel macron") & NE_GZ_PERSON);  /* dated codes: a person */
    CHECK(gz(&x, "emmanuel") == (NE_GZ_FIRST | NE_GZ_PREFIX));
    CHECK(gz(&x, "macron") == NE_GZ_LAST);
    CHECK(gz(&x, "french army") == NE_GZ_GROUP);
    CHECK(gz(&x, "french armed forces") == NE_GZ_GROUP);
    CHECK(gz(&x, "wal - mart stores inc") & NE_GZ_COMPANY);
    CHECK(gz(&x, "wal - mart stores") & NE_GZ_COMPANY);   /* without the legal form */
    CHECK(gz(&x, "wal - mart") == NE_GZ_PREFIX);
    CHECK(gz(&x, "united nations") == NE_GZ_GROUP);
    CHECK(gz(&x, "fatah revolutionary council") == NE_GZ_GROUP);
    CHECK(!gz(&x, "note"));                           /* comments are not names */
    ne_lex_free(&x);
    /* the same bits however often a name comes */
    CHECK(ne_gaz_add(&x, "New_York", 8, NE_GZ_CITY) == 0);
    CHECK(ne_gaz_add(&x, "new york", 8, NE_GZ_ADMIN) == 0);
    CHECK(ne_gaz_add(&x, "x", 1, NE_GZ_CITY) == 0 && !gz(&x, "x"));
    CHECK(ne_gaz_add(&x, "a b c d e f g", 13, NE_GZ_CITY) == 0 && !gz(&x, "a"));
    CHECK(gz(&x, "new york") == (NE_GZ_CITY | NE_GZ_ADMIN));
    ne_lex_free(&x);
    CHECK(ne_gaz_build("/nonexistent", &x, &err) == TAC_EIO);
    ne_lex_free(&x);
}

/* ---- document pass ---- */

static void test_doc(void) {
    /* s0 "Miramar is nice ." s1 "we love miramar" s2 "Hobby Lobby opened"
     * s3 "at Hobby Lobby ." s4 "my hobby" s5 "lobby ." */
    const char *w[] = {"Miramar", "is", "nice", ".", "we", "love", "miramar", "Hobby", "Lobby",
                       "opened", "at", "Hobby", "Lobby", ".", "my", "hobby", "lobby", "."};
    size_t first[] = {0, 4, 7, 10, 14, 16};
    uint8_t ids[18] = {0};
    ids[0] = NE_BIO_B(2);
    ids[7] = NE_BIO_B(1);
    ids[8] = NE_BIO_I(1);
    CHECK(ne_doc_pass(w, 18, first, 6, ids) == 0);
    CHECK(ids[6] == NE_BIO_B(2));                      /* lowercase recurrence */
    CHECK(ids[11] == NE_BIO_B(1) && ids[12] == NE_BIO_I(1));
    CHECK(ids[15] == 0 && ids[16] == 0);               /* names never cross sentences */
    CHECK(ids[1] == 0 && ids[13] == 0);
    const char *l[18];
    for (size_t i = 0; i < 18; i++) l[i] = "O";
    l[7] = "B-ORG";
    l[8] = "I-ORG";
    CHECK(ne_doc_labels(w, 18, first, 6, l) == 0);
    CHECK_STR(l[11], "B-ORG");
    CHECK_STR(l[12], "I-ORG");
    CHECK(well_formed(l, 18));
    l[0] = "I-PER";                                    /* not well-formed: refused */
    CHECK(ne_doc_labels(w, 18, first, 6, l) == -1);
    CHECK(ne_doc_pass(w, 0, first, 0, ids) == 0);
    CHECK(ne_doc_pass(NULL, 3, first, 1, ids) == -1);
}

static int same_file(const char *a, const char *b) {
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    int same = f && g;
    while (same) {
        int x = fgetc(f), y = fgetc(g);
        if (x != y) same = 0;
        if (x == EOF) break;
    }
    if (f) fclose(f);
    if (g) fclose(g);
    return same;
}

static long file_size(const char *p) {
    FILE *f = fopen(p, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* Writes the first n bytes of src, with byte flip (if >= 0) inverted, to dst. */
static void damage(const char *src, const char *dst, long n, long flip) {
    FILE *f = fopen(src, "rb"), *g = fopen(dst, "wb");
    for (long i = 0; f && g && i < n; i++) {
        int ch = fgetc(f);
        if (ch == EOF) break;
        fputc(i == flip ? ch ^ 0xff : ch, g);
    }
    if (f) fclose(f);
    if (g) fclose(g);
}

static void test_corrupt(const char *path, const char *tmp) {
    long n = file_size(path);
    CHECK(n > 100);
    long cuts[] = {0, 3, 20, n / 3, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        damage(path, tmp, cuts[i], -1);
        ne_model *m = (ne_model *)1;
        tac_error err;
        CHECK(ne_load(tmp, &m, &err) != TAC_OK && m == NULL);
    }
    /* flipped bytes: must fail cleanly or load a model that still tags */
    for (long at = 0; at < n; at += n / 37 + 1) {
        damage(path, tmp, n, at);
        ne_model *m;
        tac_error err;
        if (ne_load(tmp, &m, &err) == TAC_OK) {
            const char *w[] = {"Ann", "lives", "in", "Paris"}, *l[4];
            CHECK(ne_tag(m, w, NULL, 4, l) == 0 && well_formed(l, 4));
            ne_free(m);
        } else CHECK(m == NULL);
    }
    tac_error err;
    ne_model *m;
    CHECK(ne_load("/nonexistent/model", &m, &err) == TAC_EIO);
    /* another format version is named as such, not as corruption */
    mf_file *mf = NULL;
    size_t len;
    CHECK(mf_load(path, "ner", &mf, &err) == TAC_OK);
    const unsigned char *hd = mf ? mf_chunk(mf, "NEHD", &len) : NULL;
    long at = hd ? (long)mf_offset(mf, hd) : -1;
    mf_free(mf);
    damage(path, tmp, n, at);
    CHECK(at > 0 && ne_load(tmp, &m, &err) == TAC_EFORMAT && m == NULL);
    CHECK(strstr(err.message, "this build reads format") && strstr(err.message, "retrain"));
}

static void test_model(const char *gazdir) {
    ne_corpus all, dev;
    tac_error err;
    if (ne_corpus_load(TRAIN, &all, &err) != TAC_OK) {
        printf("test_ner: %s missing, model tests skipped\n", TRAIN);
        ne_corpus_free(&all);
        return;
    }
    CHECK(all.nsents > 500);
    all.nsents = 500;   /* the first 500 sentences */
    all.ntoks = all.sents[499].tok0 + all.sents[499].ntoks;
    ne_train_opts o;
    ne_train_opts_init(&o);
    o.epochs = 5;
    o.gazetteer = gazdir;
    ne_model *m = NULL, *m2 = NULL, *m3 = NULL;
    ne_train_report rep;
    CHECK(ne_train(&all, NULL, &o, &m, &rep, &err) == TAC_OK && m);
    CHECK(rep.epochs_run == 5 && rep.best_epoch == 5);
    if (!m) { ne_corpus_free(&all); return; }
    ne_train_opts bad = o;
    bad.gazetteer = "/nonexistent";
    ne_model *none = (ne_model *)1;
    CHECK(ne_train(&all, NULL, &bad, &none, NULL, &err) == TAC_EIO && none == NULL);

    const char *w[] = {"Yesterday", "President", "George", "Bush", "met", "the", "press", "in",
                       "Washington", "."};
    const char *l[10];
    CHECK(ne_tag(m, w, NULL, 10, l) == 0);
    CHECK_STR(l[2], "B-PER");
    CHECK_STR(l[3], "I-PER");
    CHECK_STR(l[4], "O");
    CHECK(well_formed(l, 10));
    CHECK(ne_tag(m, w, NULL, 0, l) == 0);
    CHECK(ne_tag(m, NULL, NULL, 3, l) == -1);

    /* a document: its sentences as ne_tag tags them, then the document
     * pass carries "George Bush" over to the lowercase second sentence */
    const char *dw[] = {"Yesterday", "President", "George", "Bush", "met", "the", "press", "in",
                        "Washington", ".", "everyone", "likes", "george", "bush", "."};
    size_t df[] = {0, 10};
    const char *dl[15];
    CHECK(ne_tag(m, w, NULL, 10, l) == 0);
    CHECK(ne_tag_doc(m, dw, 15, df, 2, dl) == 0);
    for (int i = 0; i < 10; i++) CHECK(dl[i] == l[i]);
    CHECK_STR(dl[12], "B-PER");
    CHECK_STR(dl[13], "I-PER");
    CHECK(well_formed(dl, 15));
    size_t bad_first[] = {1, 10};
    CHECK(ne_tag_doc(m, dw, 15, bad_first, 2, dl) == -1 && !strcmp(dl[2], "O"));
    CHECK(ne_tag_doc(m, dw, 0, df, 0, dl) == 0);

    char p1[] = "/tmp/test_ner_aXXXXXX", p2[] = "/tmp/test_ner_bXXXXXX", p3[] = "/tmp/test_ner_cXXXXXX";
    int fd1 = mkstemp(p1), fd2 = mkstemp(p2), fd3 = mkstemp(p3);
    CHECK(fd1 >= 0 && fd2 >= 0 && fd3 >= 0);
    close(fd1); close(fd2); close(fd3);
    CHECK(ne_save(m, p1, &err) == TAC_OK);
    CHECK(ne_load(p1, &m2, &err) == TAC_OK && m2);
    CHECK(ne_save(m2, p2, &err) == TAC_OK);
    CHECK(same_file(p1, p2));   /* load + save is the identity */
    CHECK(m->gaz.n > 20 && m2 && m2->gaz.n == m->gaz.n);   /* the gazetteer travels in the file */

    /* deterministic training: a second run writes the same bytes */
    CHECK(ne_train(&all, NULL, &o, &m3, NULL, &err) == TAC_OK);
    CHECK(m3 && ne_save(m3, p3, &err) == TAC_OK && same_file(p1, p3));

    /* the loaded model tags dev exactly as the trained one, well-formed */
    if (m2 && ne_corpus_load(DEV, &dev, &err) == TAC_OK) {
        int same = 1, wf = 1;
        const char *la[256], *lb[256];
        for (size_t s = 0; s < dev.nsents && s < 400; s++) {
            const ne_sent *st = &dev.sents[s];
            if (st->ntoks > 256) continue;
            ne_tag(m, dev.forms + st->tok0, NULL, st->ntoks, la);
            ne_tag(m2, dev.forms + st->tok0, NULL, st->ntoks, lb);
            for (size_t i = 0; i < st->ntoks; i++) same &= la[i] == lb[i];
            wf &= well_formed(la, st->ntoks);
        }
        CHECK(same);
        CHECK(wf);
        ne_corpus_free(&dev);
    }
    /* BIO stays well-formed on arbitrary word salad */
    uint64_t r = 7;
    const char *vocab[] = {"of", "New", "York", "Bank", "the", "America", "John", "said", ",", "Inc.",
                           "in", "IBM", "U.S.", "and", "Mr.", "Smith", "'s", "-", "london"};
    int wf = 1;
    for (int k = 0; k < 300; k++) {
        const char *ws[12], *ls[12];
        for (int i = 0; i < 12; i++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            ws[i] = vocab[(r >> 33) % (sizeof vocab / sizeof *vocab)];
        }
        size_t n = 1 + (size_t)(r >> 40) % 12;
        wf &= ne_tag(m, ws, NULL, n, ls) == 0 && well_formed(ls, n);
    }
    CHECK(wf);

    test_corrupt(p1, p2);
    remove(p1);
    remove(p2);
    remove(p3);
    ne_free(m);
    ne_free(m2);
    ne_free(m3);
    ne_corpus_free(&all);
}

int main(void) {
    test_reader();
    test_reader_noise();
    test_count();
    test_doc();
    char gazdir[] = "/tmp/test_ner_gazXXXXXX";
    if (make_gaz_dir(gazdir) == 0) {
        test_gaz(gazdir);
        test_model(gazdir);
        rm_gaz_dir(gazdir);
    } else CHECK(!"cannot make a temporary folder");
    return check_done("test_ner");
}
