/*
 * test_io.c - readers: JSON Lines with bad records among good ones, text
 * files, directories in sorted order, missing files; the JSON writer.
 */
#include "check.h"
#include "tacitus.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/tacitus-test-io-XXXXXX";

static void write_file(const char *name, const char *content, size_t n) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fwrite(content, 1, n, f);
    fclose(f);
}

static void test_jsonl(void) {
    const char *jl =
        "{\"id\":\"a\",\"text\":\"Iraq spoke.\",\"date\":\"2024-01-11T08:00:00Z\",\"source\":\"AP\"}\n"
        "{\"id\":\"b\",\"text\":\"broken\"\n"
        "\n"
        "{\"id\":7,\"text\":\"Second.\",\"date\":\"January 9\"}\n"
        "[1,2]\n"
        "{\"id\":\"c\"}\n"
        "{\"id\":\"d\",\"text\":5}\n"
        "{\"text\":\"no id\",\"title\":\"T\",\"extra\":{\"x\":1}}\n";
    write_file("in.jsonl", jl, strlen(jl));
    char path[256];
    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    tac_reader *r;
    tac_error err;
    CHECK(tac_reader_open(path, TAC_FORMAT_AUTO, "2024-02-01", 1 << 20, &r, &err) == TAC_OK);
    tac_article a;
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK_STR(a.id, "a");
    CHECK_STR(a.date, "2024-01-11");
    CHECK_STR(a.source, "AP");
    CHECK(a.text_len == 11 && a.record == 1);
    CHECK(tac_reader_next(r, &a, &err) == TAC_EPARSE);
    CHECK(err.record == 2 && strstr(err.message, "malformed JSON") != NULL);
    CHECK(!tac_reader_fatal(r));
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK); /* blank line skipped */
    CHECK_STR(a.id, "7");
    CHECK(a.record == 4);
    CHECK_STR(a.date, "2024-02-01"); /* unparsable date: default, with a warning */
    CHECK(a.warning != NULL && strstr(a.warning, "January 9") != NULL);
    CHECK(tac_reader_next(r, &a, &err) == TAC_EPARSE && err.record == 5);
    CHECK(tac_reader_next(r, &a, &err) == TAC_EPARSE && strstr(err.message, "missing field"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_EPARSE && strstr(err.message, "must be a string"));
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    char want_id[300]; /* no id in the record: FILE:LINE */
    snprintf(want_id, sizeof want_id, "%s:8", path);
    CHECK_STR(a.id, want_id);
    CHECK_STR(a.title, "T");
    CHECK(tac_reader_next(r, &a, &err) == TAC_END);
    tac_reader_free(r);
}

static void test_dir_and_text(void) {
    char sub[256];
    snprintf(sub, sizeof sub, "%s/news", dir);
    mkdir(sub, 0700);
    write_file("news/b.txt", "Second file.", 12);
    write_file("news/a.txt", "First\0file.", 11);
    write_file("news/.hidden", "x", 1);
    tac_reader *r;
    tac_error err;
    CHECK(tac_reader_open(sub, TAC_FORMAT_AUTO, NULL, 1 << 20, &r, &err) == TAC_OK);
    tac_article a;
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK(strstr(a.id, "news/a.txt") != NULL && a.text_len == 11 && a.date == NULL);
    CHECK(tac_reader_next(r, &a, &err) == TAC_OK);
    CHECK(strstr(a.id, "news/b.txt") != NULL);
    CHECK(tac_reader_next(r, &a, &err) == TAC_END);
    tac_reader_free(r);
    CHECK(tac_reader_open("/nonexistent/file.txt", TAC_FORMAT_AUTO, NULL, 100, &r, &err) == TAC_EIO);
    CHECK(strstr(err.file, "/nonexistent/file.txt") != NULL);
    CHECK(tac_reader_open(sub, TAC_FORMAT_AUTO, "2024-13-01", 100, &r, &err) == TAC_EINVAL);
}

static void test_writer(void) {
    tac_engine *e;
    tac_doc *d;
    tac_error err;
    tac_options o;
    tac_options_init(&o);
    o.model_dir = "/nonexistent"; /* the writer's shape, not the models' output */
    CHECK(tac_engine_open(&o, &e, &err) == TAC_OK && tac_doc_new(&d) == TAC_OK);
    tac_article a = {.id = "q\"1", .text = "Hi \xFF there.", .text_len = 10, .date = "2024-01-11"};
    CHECK(tac_engine_code(e, &a, d, &err) == TAC_OK);
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    unsigned layers;
    CHECK(tac_layers_parse("sentences,tokens", &layers, &err) == TAC_OK);
    CHECK(tac_layers_parse("tokens,bogus", &layers, &err) == TAC_EINVAL);
    CHECK(tac_layers_parse("sentences,tokens", &layers, &err) == TAC_OK);
    CHECK(tac_doc_write_json(d, layers, f, &err) == TAC_OK);
    fclose(f);
    CHECK(strstr(out, "{\"id\":\"q\\\"1\",\"source\":null") == out);
    CHECK(strstr(out, "\"warnings\":[\"1 invalid UTF-8 byte(s) replaced by U+FFFD (the first at byte 3)\"]") != NULL);
    CHECK(strstr(out, "{\"start\":3,\"end\":4,\"sentence\":0,\"text\":\"\xEF\xBF\xBD\"}") != NULL);
    CHECK(out[n - 1] == '\n');
    free(out);
    tac_doc_free(d);
    tac_engine_free(e);
}

int main(void) {
    if (!mkdtemp(dir)) return 1;
    test_jsonl();
    test_dir_and_text();
    test_writer();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_io");
}
