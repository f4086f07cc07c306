/*
 * test_mentions.c - actor mentions from the Phoenix dictionaries: actors,
 * agents joined to countries, date-restricted codes, affiliation, and the
 * evidence line of each part. Runs without NER models (model_dir is set to
 * an empty place) so only the dictionaries decide.
 */
#include "check.h"
#include "code/coref.h"
#include "code/mentions.h"
#include "core/doc.h"
#include "tacitus.h"

static tac_engine *eng;
static tac_doc *doc;

/* Codes text on date and returns "text=code;..." for its mentions. */
static const char *mentions(const char *text, const char *date) {
    static char out[4096];
    tac_article a = {.id = "t", .text = text, .text_len = strlen(text), .date = date};
    tac_error err;
    if (tac_engine_code(eng, &a, doc, &err) != TAC_OK) return "(error)";
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < doc->mentions.n; i++) {
        const mn_mention *m = &doc->mentions.v[i];
        const tk_token *f = &doc->tokens.v[m->first], *l = &doc->tokens.v[m->last - 1];
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s=%s", i ? ";" : "",
                              (int)(l->end - f->start), doc->norm.data + f->start,
                              m->code ? m->code : "-");
    }
    return out;
}

int main(void) {
    tac_options o;
    tac_options_init(&o);
    o.data_dir = "data";
    o.model_dir = "/nonexistent";
    tac_error err;
    if (tac_engine_open(&o, &eng, &err) != TAC_OK || tac_doc_new(&doc) != TAC_OK) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    CHECK(tac_engine_layers(eng) & TAC_LAYER_MENTIONS);
    CHECK_STR(mentions("The Iraqi foreign minister met the Pentagon.", "2024-01-11"),
              "Iraqi foreign minister=IRQGOV;Pentagon=USAMIL");
    CHECK_STR(mentions("Israeli troops shelled Gaza.", "2024-01-11"),
              "Israeli troops=ISRMIL;Gaza=PSEGZA");
    /* an agent alone keeps an unknown country */
    CHECK_STR(mentions("The minister left.", "2024-01-11"), "minister=---GOV");
    /* "Iran-backed militants": the sponsor's code with the group's role */
    const char *r = mentions("Iran-backed militants attacked.", "2024-01-11");
    CHECK(strncmp(r, "Iran-backed militants=IRN", 25) == 0);
    CHECK(doc->mentions.n == 1 && (doc->mentions.v[0].how & MN_AFFIL));
    /* evidence: the dictionary line of each part */
    mentions("Iraqi foreign minister", "2024-01-11");
    CHECK(doc->mentions.n == 1 && doc->mentions.v[0].actor_file &&
          strstr(doc->mentions.v[0].actor_file, "Phoenix.Countries.actors.txt") &&
          doc->mentions.v[0].actor_line > 0 && doc->mentions.v[0].agent_line > 0);
    /* coreference: a bare title takes the code of the titled mention with
     * the same head word; a pronoun points to the latest fitting mention */
    CHECK_STR(mentions("The Iraqi Prime Minister spoke. Later the Prime Minister left.", "2024-01-11"),
              "Iraqi Prime Minister=IRQGOV;Prime Minister=IRQGOV");
    CHECK(doc->mentions.n == 2 && doc->mentions.v[1].antecedent == 0 &&
          (doc->mentions.v[1].how & MN_COREF));
    CHECK_STR(mentions("Israel said its army would stay.", "2024-01-11"), "Israel=ISR;its=ISR;army=---MIL");
    CHECK_STR(mentions("The Iraqi Prime Minister met the commander.", "2024-01-11"),
              "Iraqi Prime Minister=IRQGOV;commander=---MIL");
    /* the project's current-actor file, with its date ranges */
    CHECK_STR(mentions("Yoav Gallant spoke.", "2024-01-11"), "Yoav Gallant=ISRMIL");
    CHECK_STR(mentions("Israel Katz spoke.", "2024-06-01"), "Israel Katz=ISRGOV");
    CHECK_STR(mentions("Israel Katz spoke.", "2025-01-01"), "Israel Katz=ISRMIL");
    CHECK_STR(mentions("Prime Minister Mohammed Shia al-Sudani spoke.", "2024-01-11"),
              "Prime Minister Mohammed Shia al-Sudani=IRQGOV");
    /* "Hussein ... he added": a pronoun in a later sentence takes the
     * speaker's code through the coreference chain */
    CHECK_STR(mentions("Foreign Minister Fuad Hussein said Iraq decides. \"We want calm,\" he added.",
                       "2024-01-11"),
              "Foreign Minister Fuad Hussein=IRQGOV;Iraq=IRQ;he=IRQGOV");
    CHECK(doc->mentions.n == 3 && doc->mentions.v[2].antecedent == 0);
    /* dictionary phrases that keep hyphenated words whole */
    CHECK_STR(mentions("Ban Ki-moon met al-Qaeda in Iraq envoys.", "2010-01-01"),
              "Ban Ki-moon=IGOUNO;al-Qaeda in Iraq=IMGMUSISI");
    /* an underscored text token is its words, as in a dictionary phrase;
     * a match may not end inside it */
    CHECK_STR(mentions("Saudi_Arabia spoke.", "2024-01-11"), "Saudi_Arabia=SAU");
    CHECK_STR(mentions("Saudi_Arabian_Xq spoke.", "2024-01-11"), "");
    /* "former" makes the role that follows ELI, and only a role */
    CHECK_STR(mentions("The former Iraqi prime minister spoke.", "2024-01-11"),
              "former Iraqi prime minister=IRQELI");
    CHECK_STR(mentions("Iraqi former ministers spoke to the former minister.", "2024-01-11"),
              "Iraqi former ministers=IRQELI;former minister=---ELI");
    CHECK_STR(mentions("The former Soviet Union fell.", "2024-01-11"), "Soviet Union=SUN");
    /* no mention in plain prose */
    CHECK_STR(mentions("It rained all day.", NULL), "");
    tac_doc_free(doc);
    tac_engine_free(eng);
    return check_done("test_mentions");
}
