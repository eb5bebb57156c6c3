/* The OpenAPI 3 document, generated from the record descriptions: every record type gets
 * its schema and its five operations without a line written for it here. */
#include <stdio.h>
#include <string.h>

#include "../domain/entities.h"
#include "../domain/settings.h"
#include "../domain/users.h"
#include "routes.h"

static json_t *field_schema(const field *f)
{
    json_t *s = ftype_of(f)->schema(f);
    json_object_set_new(s, "title", json_string(f->en));
    if (f->flags & F_READONLY) json_object_set_new(s, "readOnly", json_true());
    json_object_set_new(s, "x-label-vi", json_string(f->vi));
    return s;
}

static json_t *entity_schema(const entity *e)
{
    json_t *props = json_object(), *required = json_array();
    json_object_set_new(props, "id", json_pack("{s:s,s:b}", "type", "integer", "readOnly", 1));
    json_object_set_new(props, "version",
                        json_pack("{s:s,s:s}", "type", "integer", "description",
                                  "optimistic lock: send it back on PUT to refuse lost updates"));
    json_object_set_new(
        props, "created_at",
        json_pack("{s:s,s:s,s:b}", "type", "string", "format", "date-time", "readOnly", 1));
    json_object_set_new(
        props, "updated_at",
        json_pack("{s:s,s:s,s:b}", "type", "string", "format", "date-time", "readOnly", 1));
    for (int i = 0; i < e->nfields; i++) {
        json_object_set_new(props, e->fields[i].name, field_schema(&e->fields[i]));
        if (e->fields[i].flags & F_REQUIRED)
            json_array_append_new(required, json_string(e->fields[i].name));
    }
    if (e->derived) {
        json_t *en = json_array();
        for (const enum_opt *o = e->derived->opts; o->code; o++)
            json_array_append_new(en, json_string(o->code));
        json_object_set_new(props, e->derived->name,
                            json_pack("{s:s,s:o,s:b,s:s}", "type", "string", "enum", en, "readOnly",
                                      1, "description",
                                      "computed from the record's dates as of today"));
    }
    return json_pack("{s:s,s:s,s:o,s:o}", "type", "object", "title", e->en, "properties", props,
                     "required", required);
}

static json_t *schema_ref(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "#/components/schemas/%s", name);
    return json_pack("{s:s}", "$ref", path);
}

static json_t *json_content(json_t *schema)
{
    return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

static json_t *error_responses(json_t *responses, const char *codes)
{
    static const struct {
        const char *code, *text;
    } all[] = {{"400", "bad request: malformed JSON or a bad parameter"},
               {"401", "no valid bearer token"},
               {"403", "the role may not do this, or the password was set by an admin and must "
                       "be changed first (error.fields.password.code pw_must_change)"},
               {"404", "no such record"},
               {"409", "the record changed since it was read, or is still referred to"},
               {"413", "request body too large"},
               {"422", "validation failed: error.fields says which fields and why"},
               {"429", "too many failed logins: try again after Retry-After seconds"}};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strstr(codes, all[i].code))
            json_object_set_new(responses, all[i].code,
                                json_pack("{s:s,s:o}", "description", all[i].text, "content",
                                          json_content(schema_ref("Error"))));
    return responses;
}

static json_t *op(const char *summary, const char *tag, json_t *params, json_t *body,
                  const char *ok, json_t *ok_schema, const char *errors)
{
    json_t *o = json_pack("{s:s,s:[s]}", "summary", summary, "tags", tag);
    if (params) json_object_set_new(o, "parameters", params);
    if (body)
        json_object_set_new(o, "requestBody",
                            json_pack("{s:b,s:o}", "required", 1, "content", json_content(body)));
    json_t *resp = json_object();
    json_t *okr = json_pack("{s:s}", "description", "success");
    if (ok_schema) json_object_set_new(okr, "content", json_content(ok_schema));
    json_object_set_new(resp, ok, okr);
    json_object_set_new(o, "responses", error_responses(resp, errors));
    return o;
}

static json_t *param(const char *name, const char *in, const char *type, const char *desc)
{
    return json_pack("{s:s,s:s,s:b,s:{s:s},s:s}", "name", name, "in", in, "required",
                     !strcmp(in, "path"), "schema", "type", type, "description", desc);
}

/* The answers that are not a record type's: written as JSON Schema text, so that what a
 * client gets is described once, next to the handlers' json_pack calls it must match (the
 * end-to-end tests check every documented answer against what the server sends). */
static const char fixed_schemas[] =
    "{\"SearchResults\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"type\",\"id\",\"title\","
    "\"url\"],\"properties\":{\"type\":{\"type\":\"string\",\"description\":\"record type\"},"
    "\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"url\":{\"type\":"
    "\"string\"}}}}}},"
    "\"AuditEntry\":{\"type\":\"object\",\"required\":[\"id\",\"at\",\"user\",\"entity\","
    "\"record\",\"action\",\"old\",\"new\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
    "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},\"user\":{\"type\":\"string\"},"
    "\"entity\":{\"type\":\"string\",\"description\":\"record type (or user, setting, name, "
    "province)\"},\"record\":{\"type\":\"integer\",\"description\":\"the record's id (0 for a "
    "name)\"},\"action\":{\"type\":\"string\",\"description\":\"create, update, delete\"},"
    "\"old\":{\"type\":[\"object\",\"null\"]},\"new\":{\"type\":[\"object\",\"null\"]}}},"
    "\"AuditEntries\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/AuditEntry\"}}}},"
    "\"AuditLog\":{\"type\":\"object\",\"required\":[\"total\",\"offset\",\"limit\",\"items\"],"
    "\"properties\":{\"total\":{\"type\":\"integer\",\"description\":\"entries matching, in "
    "all\"},\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"},\"items\":"
    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/AuditEntry\"}}}},"
    "\"User\":{\"type\":\"object\",\"required\":[\"id\",\"username\",\"display_name\",\"role\","
    "\"active\",\"must_change\",\"agency_id\",\"agency\"],\"properties\":{\"id\":{\"type\":"
    "\"integer\",\"readOnly\":true},\"username\":{\"type\":\"string\",\"description\":\"2 to "
    "64 of a-z 0-9 . _ - (never changes)\"},\"display_name\":{\"type\":[\"string\",\"null\"]},"
    "\"role\":{\"$ref\":\"#/components/schemas/Role\"},\"active\":{\"type\":\"boolean\","
    "\"description\":\"false: deactivated, cannot log in\"},\"must_change\":{\"type\":"
    "\"boolean\",\"description\":\"the password was set by an admin: until the user sets their "
    "own, their tokens open only the password change\"},\"agency_id\":{\"type\":[\"integer\","
    "\"null\"],\"description\":\"role agency: id of a record in /api/v1/agencies\"},\"agency\":"
    "{\"type\":[\"string\",\"null\"],\"description\":\"role agency: the agency's Vietnamese "
    "name\"}}},"
    "\"Users\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/User\"}}}},"
    "\"UserCreate\":{\"type\":\"object\",\"required\":[\"username\",\"role\"],\"properties\":"
    "{\"username\":{\"type\":\"string\",\"description\":\"2 to 64 of a-z 0-9 . _ -, not "
    "taken\"},\"display_name\":{\"type\":[\"string\",\"null\"]},\"role\":{\"$ref\":"
    "\"#/components/schemas/Role\"},\"agency_id\":{\"type\":[\"integer\",\"null\"],"
    "\"description\":\"role agency: id of a record in /api/v1/agencies\"},\"agency\":{\"type\":"
    "[\"string\",\"null\"],\"description\":\"role agency: the agency's Vietnamese name, "
    "instead of agency_id\"}}},"
    "\"UserUpdate\":{\"type\":\"object\",\"description\":\"the keys given change, the others "
    "stay\",\"properties\":{\"display_name\":{\"type\":[\"string\",\"null\"]},\"role\":"
    "{\"$ref\":\"#/components/schemas/Role\",\"description\":\"not your own\"},\"agency_id\":"
    "{\"type\":[\"integer\",\"null\"],\"description\":\"role agency: id of a record in "
    "/api/v1/agencies\"},\"agency\":{\"type\":[\"string\",\"null\"],\"description\":\"role "
    "agency: the agency's Vietnamese name, instead of agency_id\"},\"active\":{\"type\":"
    "\"boolean\",\"description\":\"false deactivates (every session and the calendar address "
    "end); not your own account\"}}},"
    "\"PasswordReset\":{\"type\":\"object\",\"required\":[\"password\",\"must_change\"],"
    "\"properties\":{\"password\":{\"type\":\"string\",\"description\":\"the new password, in "
    "this answer only: every session of the user has ended, and they must set their own at the "
    "next login\"},\"must_change\":{\"type\":\"boolean\",\"enum\":[true]}}},"
    "\"Session\":{\"type\":\"object\",\"required\":[\"id\",\"kind\",\"created\",\"expires\"],"
    "\"properties\":{\"id\":{\"type\":\"integer\",\"description\":\"the session's number "
    "(DELETE ?session=N), never its token\"},\"kind\":{\"type\":\"string\",\"enum\":[\"web\","
    "\"api\"]},\"created\":{\"type\":\"string\",\"format\":\"date-time\"},\"expires\":"
    "{\"type\":\"string\",\"format\":\"date-time\"},\"current\":{\"type\":\"boolean\","
    "\"description\":\"the session this request came with\"}}},"
    "\"Sessions\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Session\"}}}},"
    "\"SessionsEnded\":{\"type\":\"object\",\"required\":[\"ended\"],\"properties\":{\"ended\":"
    "{\"type\":\"integer\",\"description\":\"how many sessions ended\"}}},"
    "\"PasswordChange\":{\"type\":\"object\",\"required\":[\"old_password\",\"new_password\"],"
    "\"properties\":{\"old_password\":{\"type\":\"string\"},\"new_password\":{\"type\":"
    "\"string\"}}},"
    "\"PasswordChanged\":{\"type\":\"object\",\"required\":[\"changed\"],\"properties\":"
    "{\"changed\":{\"type\":\"boolean\"}}},"
    "\"Token\":{\"type\":\"object\",\"required\":[\"id\",\"name\",\"created\",\"expires\","
    "\"last_used\"],\"properties\":{\"id\":{\"type\":\"integer\",\"description\":\"the "
    "token's number (DELETE /api/v1/account/tokens/{id}), never its secret\"},\"name\":"
    "{\"type\":\"string\"},\"created\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"expires\":{\"type\":\"string\",\"format\":\"date-time\"},\"last_used\":{\"type\":"
    "[\"string\",\"null\"],\"format\":\"date-time\"},\"current\":{\"type\":\"boolean\","
    "\"description\":\"the token this request came with\"}}},"
    "\"Tokens\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Token\"}}}},"
    "\"TokenCreate\":{\"type\":\"object\",\"required\":[\"name\",\"days\"],\"properties\":"
    "{\"name\":{\"type\":\"string\",\"maxLength\":80,\"description\":\"the program that "
    "uses it\"},\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":366}}},"
    "\"NewToken\":{\"type\":\"object\",\"required\":[\"id\",\"name\",\"created\","
    "\"expires\",\"token\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":"
    "{\"type\":\"string\"},\"created\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"expires\":{\"type\":\"string\",\"format\":\"date-time\"},\"token\":{\"type\":"
    "\"string\",\"description\":\"the secret, in this answer only: send it as Authorization: "
    "Bearer TOKEN\"}}},"
    "\"Setting\":{\"type\":\"object\",\"required\":[\"value\",\"source\",\"default\",\"min\","
    "\"max\",\"env\"],\"properties\":{\"value\":{\"type\":\"integer\",\"description\":\"the "
    "value in force\"},\"source\":{\"type\":\"string\",\"enum\":[\"database\",\"environment\","
    "\"default\"]},\"default\":{\"type\":\"integer\"},\"min\":{\"type\":\"integer\"},\"max\":"
    "{\"type\":\"integer\"},\"env\":{\"type\":\"string\",\"description\":\"the environment "
    "variable that applies when no value is stored\"}}},"
    "\"Names\":{\"type\":\"object\",\"required\":[\"total\",\"items\"],\"properties\":"
    "{\"total\":{\"type\":\"integer\",\"description\":\"rows matching, in all\"},\"items\":"
    "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"code\",\"name_en\","
    "\"name_vi\",\"kind\",\"corrected\"],\"properties\":{\"code\":{\"type\":\"string\","
    "\"description\":\"ISO 3166-1 alpha-2 or ISO 3166-2 code\"},\"name_en\":{\"type\":"
    "[\"string\",\"null\"]},\"name_vi\":{\"type\":[\"string\",\"null\"]},\"kind\":{\"type\":"
    "\"string\",\"enum\":[\"country\",\"subdivision\"]},\"corrected\":{\"type\":\"boolean\","
    "\"description\":\"the Vietnamese name is an admin's correction\"}}}}}},"
    "\"NameCorrection\":{\"type\":\"object\",\"required\":[\"code\",\"name\"],\"properties\":"
    "{\"code\":{\"type\":\"string\",\"description\":\"ISO 3166-1 alpha-2 or ISO 3166-2 code, "
    "any case\"},\"name\":{\"type\":\"string\",\"maxLength\":200,\"description\":\"the "
    "reviewed Vietnamese name\"}}},"
    "\"NameCorrected\":{\"type\":\"object\",\"required\":[\"code\",\"name_vi\",\"corrected\"],"
    "\"properties\":{\"code\":{\"type\":\"string\"},\"name_vi\":{\"type\":[\"string\","
    "\"null\"]},\"corrected\":{\"type\":\"boolean\"}}},"
    "\"Login\":{\"type\":\"object\",\"required\":[\"token\",\"role\",\"expires_in\","
    "\"must_change\"],\"properties\":{\"token\":{\"type\":\"string\",\"description\":\"send it "
    "as Authorization: Bearer TOKEN\"},\"role\":{\"$ref\":\"#/components/schemas/Role\"},"
    "\"expires_in\":{\"type\":\"integer\",\"description\":\"seconds\"},\"must_change\":"
    "{\"type\":\"boolean\",\"description\":\"true: the password was set by an admin; until the "
    "user sets their own with POST /api/v1/account/password, the token opens only that, GET "
    "/api/v1/account and POST /api/v1/logout (anything else: 403, error.fields.password.code "
    "pw_must_change)\"}}},"
    "\"Notifications\":{\"type\":\"object\",\"required\":[\"items\",\"unread\",\"total\","
    "\"limit\",\"offset\"],\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"object\",\"required\":[\"id\",\"kind\",\"label\",\"entity\",\"record_id\",\"day\","
    "\"created_at\",\"read\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"kind\":{\"type\":"
    "\"string\"},\"label\":{\"type\":\"string\"},\"entity\":{\"type\":\"string\"},\"record_id\":"
    "{\"type\":\"integer\"},\"tag\":{\"type\":\"string\"},\"day\":{\"type\":\"string\"},"
    "\"created_at\":{\"type\":\"string\"},\"read\":{\"type\":\"boolean\"},\"read_at\":{\"type\":"
    "[\"string\",\"null\"]},\"resolved_at\":{\"type\":[\"string\",\"null\"],\"description\":"
    "\"its cause is gone (the report filed, the commitment done): no longer "
    "unread\"},\"title\":{\"type\":[\"string\",\"null\"]},\"url\":{\"type\":"
    "[\"string\",\"null\"]},\"page\":{\"type\":[\"string\",\"null\"]}}}},\"unread\":{\"type\":"
    "\"integer\"},\"total\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"},\"offset\":"
    "{\"type\":\"integer\"}}},"
    "\"NotificationsRead\":{\"type\":\"object\",\"required\":[\"marked\",\"unread\"],"
    "\"properties\":{\"marked\":{\"type\":\"integer\"},\"unread\":{\"type\":\"integer\"}}},"
    "\"CalendarItems\":{\"type\":\"object\",\"required\":[\"from\",\"to\",\"items\"],"
    "\"properties\":{\"from\":{\"type\":\"string\",\"format\":\"date\"},\"to\":{\"type\":"
    "\"string\",\"format\":\"date\"},\"items\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"object\",\"required\":[\"type\",\"id\",\"start\",\"end\",\"overdue\",\"url\"],"
    "\"properties\":{\"type\":{\"type\":\"string\",\"enum\":[\"delegation\",\"commitment\"]},"
    "\"id\":{\"type\":\"integer\"},\"title\":{\"type\":[\"string\",\"null\"]},\"start\":"
    "{\"type\":\"string\",\"format\":\"date\"},\"end\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"status\":{\"type\":[\"string\",\"null\"]},\"overdue\":{\"type\":\"boolean\"},\"url\":"
    "{\"type\":\"string\"}}}}}},"
    "\"Dashboard\":{\"type\":\"object\",\"required\":[\"today\",\"overdue_commitments\","
    "\"overdue_by_agency\",\"late_reports\",\"upcoming_delegations\",\"expiring_agreements\","
    "\"delegations_by_year\"],\"properties\":{\"today\":{\"type\":\"string\",\"format\":"
    "\"date\"},\"overdue_commitments\":{\"$ref\":\"#/components/schemas/Figure\"},"
    "\"overdue_by_agency\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":"
    "{\"agency_id\":{\"type\":\"integer\"},\"overdue\":{\"type\":\"integer\"}}}},"
    "\"late_reports\":{\"$ref\":\"#/components/schemas/Figure\"},\"upcoming_delegations\":"
    "{\"$ref\":\"#/components/schemas/Figure\"},\"expiring_agreements\":{\"$ref\":"
    "\"#/components/schemas/Figure\"},\"awaiting_approval\":{\"$ref\":\"#/components/schemas/"
    "Figure\"},\"delegations_by_year\":{\"type\":\"object\","
    "\"additionalProperties\":{\"type\":\"object\",\"properties\":{\"outbound\":{\"type\":"
    "\"integer\"},\"inbound\":{\"type\":\"integer\"}}}}}},"
    "\"Figure\":{\"type\":\"object\",\"required\":[\"count\",\"list\"],\"properties\":"
    "{\"count\":{\"type\":\"integer\"},\"list\":{\"type\":\"string\",\"description\":"
    "\"the API list behind the figure\"},\"first\":{\"type\":\"array\"}}},"
    "\"Attachments\":{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":"
    "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"id\",\"sha256\","
    "\"name\",\"type\",\"size\",\"by\",\"at\",\"url\"],\"properties\":{\"id\":{\"type\":"
    "\"integer\"},\"sha256\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"type\":"
    "{\"type\":\"string\"},\"size\":{\"type\":\"integer\"},\"by\":{\"type\":\"string\"},"
    "\"at\":{\"type\":\"string\"},\"url\":{\"type\":\"string\"}}}}}},"
    "\"Attachment\":{\"type\":\"object\",\"required\":[\"id\",\"sha256\",\"name\",\"type\","
    "\"size\",\"url\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"sha256\":{\"type\":"
    "\"string\"},\"name\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"},\"size\":"
    "{\"type\":\"integer\"},\"url\":{\"type\":\"string\"}}},"
    "\"Imported\":{\"type\":\"object\",\"required\":[\"imported\"],\"properties\":"
    "{\"imported\":{\"type\":\"integer\"},\"updated\":{\"type\":\"integer\","
    "\"description\":\"of them, existing records a row's id named, updated\"}}},"
    "\"LoggedOut\":{\"type\":\"object\",\"required\":[\"ok\"],\"properties\":{\"ok\":"
    "{\"type\":\"boolean\"}}}}";

/* One property's limit in a component schema (the number the server checks, not a copy). */
static void set_limit(json_t *schemas, const char *schema, const char *prop, const char *key,
                      long long v)
{
    json_t *p =
        json_object_get(json_object_get(json_object_get(schemas, schema), "properties"), prop);
    if (p) json_object_set_new(p, key, json_integer(v));
}

/* The schemas made from the server's own tables (roles, settings, limits) and the answers
 * that are a user and more (a new user's password, the account's calendar address). */
static void derived_schemas(json_t *schemas)
{
    json_t *roles = json_array();
    for (role k = ROLE_VIEWER; k <= ROLE_ADMIN; k++)
        json_array_append_new(roles, json_string(role_name(k)));
    json_object_set_new(schemas, "Role", json_pack("{s:s,s:o}", "type", "string", "enum", roles));
    json_t *props = json_object(), *required = json_array(), *change = json_object();
    for (int i = 0; i < SET_COUNT; i++) {
        const setting_def *d = &settings_defs[i];
        json_object_set_new(props, d->name, schema_ref("Setting"));
        json_array_append_new(required, json_string(d->name));
        json_object_set_new(change, d->name,
                            json_pack("{s:[ss],s:I,s:I,s:s}", "type", "integer", "null", "minimum",
                                      (json_int_t)d->min, "maximum", (json_int_t)d->max,
                                      "description",
                                      "null removes the stored value: the environment "
                                      "variable's or the default applies again"));
    }
    json_object_set_new(schemas, "Settings",
                        json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties", props,
                                  "required", required, "additionalProperties", 0));
    json_object_set_new(schemas, "SettingsChange",
                        json_pack("{s:s,s:s,s:o,s:b}", "type", "object", "description",
                                  "the keys given change, the others stay; all or none",
                                  "properties", change, "additionalProperties", 0));
    for (int i = 0; i < 3; i++)
        set_limit(schemas, (const char *[]){"User", "UserCreate", "UserUpdate"}[i], "display_name",
                  "maxLength", USER_NAME_MAX);
    set_limit(schemas, "PasswordChange", "new_password", "minLength", USER_PW_MIN);
    json_t *np = json_object_get(
        json_object_get(json_object_get(schemas, "PasswordChange"), "properties"), "new_password");
    if (np)
        json_object_set_new(np, "description",
                            json_sprintf("at least %d characters, at most %d bytes of UTF-8; not "
                                         "the user name nor the old password",
                                         USER_PW_MIN, USER_PW_MAX));
    json_t *user = json_object_get(schemas, "User");
    if (!user) return;
    json_t *made = json_deep_copy(user), *account = json_deep_copy(user);
    json_object_set_new(json_object_get(made, "properties"), "password",
                        json_pack("{s:s,s:s}", "type", "string", "description",
                                  "the first password, in this answer only: the user must "
                                  "replace it at the first login"));
    json_array_append_new(json_object_get(made, "required"), json_string("password"));
    json_object_set_new(schemas, "NewUser", made);
    json_object_set_new(json_object_get(account, "properties"), "calendar_made_at",
                        json_pack("{s:[ss],s:s,s:s}", "type", "string", "null", "format",
                                  "date-time", "description",
                                  "when your calendar address was made (null: none)"));
    json_array_append_new(json_object_get(account, "required"), json_string("calendar_made_at"));
    json_object_set_new(schemas, "Account", account);
}

/* Users, their sessions, each one's account, the settings, the reviewed names and the whole
 * audit log (api_admin.c): admin only, but the account. */
static void admin_paths(json_t *paths)
{
    json_t *uid = json_pack("[o]", param("id", "path", "integer", "user id"));
    json_object_set_new(
        paths, "/api/v1/users",
        json_pack("{s:o,s:o}", "get",
                  op("Every user", "users", NULL, NULL, "200", schema_ref("Users"), "401 403"),
                  "post",
                  op("Create a user with a random first password, in this answer only (the "
                     "user must replace it at the first login)",
                     "users", NULL, schema_ref("UserCreate"), "201", schema_ref("NewUser"),
                     "400 401 403 413 422")));
    json_object_set_new(
        paths, "/api/v1/users/{id}",
        json_pack("{s:o,s:o}", "get",
                  op("Read a user", "users", json_incref(uid), NULL, "200", schema_ref("User"),
                     "401 403 404"),
                  "put",
                  op("Change display name, role and agency, or deactivate ({\"active\": "
                     "false}) and reactivate",
                     "users", json_incref(uid), schema_ref("UserUpdate"), "200", schema_ref("User"),
                     "400 401 403 404 413 422")));
    json_object_set_new(
        paths, "/api/v1/users/{id}/password",
        json_pack("{s:o}", "post",
                  op("Reset the password: a random one, in this answer only; every session of "
                     "the user ends and they must set their own at the next login",
                     "users", json_incref(uid), NULL, "200", schema_ref("PasswordReset"),
                     "401 403 404 413")));
    json_object_set_new(
        paths, "/api/v1/users/{id}/sessions",
        json_pack("{s:o,s:o}", "get",
                  op("The user's live sessions, newest first", "users", json_incref(uid), NULL,
                     "200", schema_ref("Sessions"), "401 403 404"),
                  "delete",
                  op("End one session of the user (?session=N) or all of them", "users",
                     json_pack("[oo]", param("id", "path", "integer", "user id"),
                               param("session", "query", "integer",
                                     "a session's id (404 when not the user's); absent: all")),
                     NULL, "200", schema_ref("SessionsEnded"), "400 401 403 404")));
    json_decref(uid);
    json_object_set_new(
        paths, "/api/v1/account",
        json_pack("{s:o}", "get",
                  op("Who you are (any role; open while your password must be changed)", "account",
                     NULL, NULL, "200", schema_ref("Account"), "401")));
    json_object_set_new(
        paths, "/api/v1/account/password",
        json_pack("{s:o}", "post",
                  op("Change your own password: every other session of yours ends, this one "
                     "stays. Wrong old passwords count like failed logins: past the limit, 422 "
                     "with error.fields.old_password.code pw_too_many",
                     "account", NULL, schema_ref("PasswordChange"), "200",
                     schema_ref("PasswordChanged"), "400 401 413 422")));
    json_object_set_new(
        paths, "/api/v1/account/tokens",
        json_pack("{s:o,s:o}", "get",
                  op("Your personal access tokens for the API, newest first (never their "
                     "secrets)",
                     "account", NULL, NULL, "200", schema_ref("Tokens"), "401"),
                  "post",
                  op("Make a personal access token, its secret in this answer only; from a "
                     "session you signed in for (with your second factor where your role needs "
                     "one), not from another token (403)",
                     "account", NULL, schema_ref("TokenCreate"), "201", schema_ref("NewToken"),
                     "400 401 403 413 422")));
    json_object_set_new(
        paths, "/api/v1/account/tokens/{id}",
        json_pack("{s:o}", "delete",
                  op("Revoke one of your tokens: it stops working at once, on every node",
                     "account", json_pack("[o]", param("id", "path", "integer", "token id")), NULL,
                     "204", NULL, "401 404")));
    json_object_set_new(
        paths, "/api/v1/settings",
        json_pack("{s:o,s:o}", "get",
                  op("The settings: each one's value in force, where it comes from, its range",
                     "settings", NULL, NULL, "200", schema_ref("Settings"), "401 403"),
                  "put",
                  op("Set (a number) or unset (null) settings; unknown keys are refused",
                     "settings", NULL, schema_ref("SettingsChange"), "200", schema_ref("Settings"),
                     "400 401 403 413 422")));
    json_object_set_new(
        paths, "/api/v1/names",
        json_pack("{s:o,s:o}", "get",
                  op("Countries and subdivisions with their English and Vietnamese names, in code "
                     "order",
                     "names",
                     json_pack("[oooo]",
                               param("q", "query", "string",
                                     "words of the code or a name, without case or diacritics"),
                               param("country", "query", "string",
                                     "one country's row and its subdivisions (ISO 3166-1 code)"),
                               param("offset", "query", "integer", "rows to skip"),
                               param("limit", "query", "integer", "1..500, default 100")),
                     NULL, "200", schema_ref("Names"), "400 401 403"),
                  "post",
                  op("Correct the Vietnamese name of a country or subdivision (shown at once)",
                     "names", NULL, schema_ref("NameCorrection"), "200",
                     schema_ref("NameCorrected"), "400 401 403 413 422")));
    json_object_set_new(
        paths, "/api/v1/audit/log",
        json_pack("{s:o}", "get",
                  op("The audit log of the whole system, newest first; a bad filter is 400 with "
                     "error.fields naming it",
                     "audit",
                     json_pack("[oooooo]", param("user", "query", "string", "user name"),
                               param("entity", "query", "string",
                                     "record type, or user, setting, name, province"),
                               param("from", "query", "string", "first day, YYYY-MM-DD"),
                               param("to", "query", "string", "last day, YYYY-MM-DD"),
                               param("offset", "query", "integer", "entries to skip"),
                               param("limit", "query", "integer", "1..500, default 50")),
                     NULL, "200", schema_ref("AuditLog"), "400 401 403")));
}

void api_openapi(req *r)
{
    json_t *paths = json_object(), *schemas = json_loads(fixed_schemas, 0, NULL);
    if (!schemas) schemas = json_object(); /* (a typo above: the tests say so) */
    json_object_set_new(schemas, "Error",
                        json_pack("{s:s,s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s,s:{s:s}}}}}}", "type",
                                  "object", "properties", "error", "type", "object", "properties",
                                  "code", "type", "string", "message", "type", "string", "fields",
                                  "type", "object", "additionalProperties", "type", "object"));
    derived_schemas(schemas);
    admin_paths(paths);
    json_object_set_new(
        paths, "/api/v1/login",
        json_pack("{s:o}", "post",
                  op("Log in; returns a bearer token", "auth", NULL,
                     json_pack("{s:s,s:{s:{s:s},s:{s:s},s:{s:s,s:s}},s:[ss]}", "type", "object",
                               "properties", "username", "type", "string", "password", "type",
                               "string", "code", "type", "string", "description",
                               "the second factor of an account that has one: the 6 digits of "
                               "its authenticator app, or a recovery code. Without it such an "
                               "account answers 401 with error.fields.code.code totp_needed; a "
                               "wrong one totp_wrong; an account whose role requires a second "
                               "factor it has not set up answers 403 totp_enrol_web (set it up "
                               "in the browser; programs use a personal access token made on "
                               "the account page)",
                               "required", "username", "password"),
                     "200", schema_ref("Login"), "400 401 413 422 429")));
    json_object_set_new(paths, "/api/v1/logout",
                        json_pack("{s:o}", "post",
                                  op("End this bearer token", "auth", NULL, NULL, "200",
                                     schema_ref("LoggedOut"), "401")));
    json_object_set_new(paths, "/api/v1/search",
                        json_pack("{s:o}", "get",
                                  op("Search every record by words, diacritics optional", "search",
                                     json_pack("[o]", param("q", "query", "string", "words")), NULL,
                                     "200", schema_ref("SearchResults"), "400 401")));
    json_object_set_new(
        paths, "/api/v1/notifications",
        json_pack("{s:o}", "get",
                  op("Your notices (new assignments, deadlines within 7 days, overdue, late "
                     "reports), newest first, with the unread count",
                     "notifications", NULL, NULL, "200", schema_ref("Notifications"), "401")));
    json_object_set_new(
        paths, "/api/v1/notifications/read",
        json_pack("{s:o}", "post",
                  op("Mark one notice ({\"id\": N}) or all ({}) read", "notifications", NULL,
                     json_pack("{s:s,s:{s:{s:s}}}", "type", "object", "properties", "id", "type",
                               "integer"),
                     "200", schema_ref("NotificationsRead"), "400 401 404")));
    json_object_set_new(
        paths, "/api/v1/calendar",
        json_pack("{s:o}", "get",
                  op("Delegations under way and open commitment deadlines of a range of days "
                     "(at most 366)",
                     "calendar",
                     json_pack("[oo]", param("from", "query", "string", "first day, YYYY-MM-DD"),
                               param("to", "query", "string", "last day, YYYY-MM-DD")),
                     NULL, "200", schema_ref("CalendarItems"), "400 401")));
    json_object_set_new(
        paths, "/api/v1/attachments/{sha256}",
        json_pack("{s:o}", "get",
                  op("Download an attached file (PDF, PNG, JPEG) by its SHA-256, if it belongs "
                     "to a record you may read",
                     "attachments",
                     json_pack("[o]", param("sha256", "path", "string", "64 hex digits")), NULL,
                     "200", NULL, "401 403 404")));
    /* a file: its bytes, typed by content */
    {
        json_t *get =
            json_object_get(json_object_get(paths, "/api/v1/attachments/{sha256}"), "get");
        json_t *ok = json_object_get(json_object_get(get, "responses"), "200");
        json_object_set_new(ok, "content",
                            json_pack("{s:{s:{s:s,s:s}},s:{s:{s:s,s:s}},s:{s:{s:s,s:s}}}",
                                      "application/pdf", "schema", "type", "string", "format",
                                      "binary", "image/png", "schema", "type", "string", "format",
                                      "binary", "image/jpeg", "schema", "type", "string", "format",
                                      "binary"));
    }
    json_object_set_new(
        paths, "/api/v1/dashboard",
        json_pack("{s:o}", "get",
                  op("The department's figures: overdue commitments (by agency), late "
                     "delegation reports, delegations in the next 30 days, this year and "
                     "last; each with the list URL behind it",
                     "dashboard", NULL, NULL, "200", schema_ref("Dashboard"), "401")));
    json_object_set_new(
        paths, "/api/v1/commitments/{id}/progress",
        json_pack("{s:o}", "post",
                  op("Report progress (the agency in charge, or an officer)", "commitments",
                     json_pack("[o]", param("id", "path", "integer", "record id")),
                     json_pack("{s:s,s:{s:{s:s,s:s},s:{s:s},s:{s:s,s:i,s:i}},s:[ss]}", "type",
                               "object", "properties", "date", "type", "string", "format", "date",
                               "text", "type", "string", "percent", "type", "integer", "minimum", 0,
                               "maximum", 100, "required", "text", "percent"),
                     "201", schema_ref("commitment"), "400 401 403 404 422")));
    {
        /* a periodic report's files: the frozen ones once issued (domain/report.h) */
        json_t *fp = json_pack("[o,o]", param("id", "path", "integer", "record id"),
                               param("format", "query", "string", "pdf, docx, xlsx or html"));
        json_t *get = op("A periodic report as a file: once issued, the frozen file, byte for byte "
                         "whatever the data becomes; a draft's drawn from the data as it is now",
                         "reports", fp, NULL, "200", NULL, "400 401 403 404");
        json_object_set_new(json_object_get(json_object_get(get, "responses"), "200"), "content",
                            json_pack("{s:{s:{s:s,s:s}}}", "application/pdf", "schema", "type",
                                      "string", "format", "binary"));
        json_object_set_new(paths, "/api/v1/reports/{id}/file", json_pack("{s:o}", "get", get));
    }
    json_object_set_new(
        paths, "/api/v1/audit",
        json_pack("{s:o}", "get",
                  op("History of one record: who, when, old and new values", "audit",
                     json_pack("[oo]", param("entity", "query", "string", "record type"),
                               param("id", "query", "integer", "record id")),
                     NULL, "200", schema_ref("AuditEntries"), "400 401")));
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *e = ngv_entities[k];
        json_object_set_new(schemas, e->name, entity_schema(e));
        json_t *lp = json_pack(
            "[oooooo]", param("limit", "query", "integer", "1..500, default 50"),
            param("offset", "query", "integer", "rows to skip"),
            param("after", "query", "integer", "cursor: rows after this id (creation order)"),
            param("sort", "query", "string", "field name, '-' for descending"),
            param("q", "query", "string", "search words"),
            param("format", "query", "string", "json (default), csv or xlsx"));
        for (int i = 0; i < e->nfields; i++)
            if (e->fields[i].flags & F_FILTER)
                json_array_append_new(
                    lp, param(e->fields[i].name, "query", "string", "filter: exact value"));
        json_t *list_schema =
            json_pack("{s:s,s:{s:{s:s,s:o},s:{s:s},s:{s:s}}}", "type", "object", "properties",
                      "items", "type", "array", "items", schema_ref(e->name), "total", "type",
                      "integer", "next_after", "type", "integer");
        char p1[64], p2[64];
        snprintf(p1, sizeof p1, "/api/v1/%s", e->table);
        snprintf(p2, sizeof p2, "/api/v1/%s/{id}", e->table);
        json_object_set_new(paths, p1,
                            json_pack("{s:o,s:o}", "get",
                                      op("List, filter, sort, page; ?format=csv exports", e->table,
                                         lp, NULL, "200", list_schema, "400 401 403"),
                                      "post",
                                      op("Create", e->table, NULL, schema_ref(e->name), "201",
                                         schema_ref(e->name), "400 401 403 413 422")));
        json_t *idp = json_pack("[o]", param("id", "path", "integer", "record id"));
        json_object_set_new(
            paths, p2,
            json_pack("{s:o,s:o,s:o}", "get",
                      op("Read", e->table, json_incref(idp), NULL, "200", schema_ref(e->name),
                         "401 403 404"),
                      "put",
                      op("Change the fields given (null clears)", e->table, json_incref(idp),
                         schema_ref(e->name), "200", schema_ref(e->name),
                         "400 401 403 404 409 413 422"),
                      "delete",
                      op("Delete (refused while other records refer to it)", e->table,
                         json_incref(idp), NULL, "204", NULL, "401 403 404 409")));
        if (e->geo_lat) { /* a point on the map: the same list as GeoJSON */
            char pg[80];
            snprintf(pg, sizeof pg, "/api/v1/%s.geojson", e->table);
            json_t *gp = json_deep_copy(lp);
            json_t *get = op("The list's records as an RFC 7946 FeatureCollection (all of them "
                             "unless limit is given; geometry null without coordinates)",
                             e->table, gp, NULL, "200", NULL, "400 401 403");
            json_object_set_new(
                json_object_get(json_object_get(get, "responses"), "200"), "content",
                json_pack("{s:{s:{s:s}}}", "application/geo+json", "schema", "type", "object"));
            json_object_set_new(paths, pg, json_pack("{s:o}", "get", get));
        }
        if (e == &project_entity) { /* the IATI 2.03 document of the projects */
            json_t *get = op("The projects approved, running or closed (with the list's filters) "
                             "as an IATI 2.03 activities document, validated against the IATI "
                             "schemas and core rules before it is sent; 422 names the activity "
                             "and the rule it breaks",
                             e->table, json_deep_copy(lp), NULL, "200", NULL, "400 401 403 422");
            json_object_set_new(
                json_object_get(json_object_get(get, "responses"), "200"), "content",
                json_pack("{s:{s:{s:s}}}", "application/xml", "schema", "type", "string"));
            json_object_set_new(paths, "/api/v1/projects.iati.xml", json_pack("{s:o}", "get", get));
        }
        /* every type can be imported from CSV: all rows or none; a row's id updates */
        char p3[80];
        snprintf(p3, sizeof p3, "/api/v1/import/%s", e->table);
        json_object_set_new(
            paths, p3,
            json_pack("{s:o}", "post",
                      json_pack("{s:s,s:[s],s:{s:b,s:{s:{s:{s:s}}}},s:o}", "summary",
                                "Import a CSV file (header: field names or labels); a row whose "
                                "id names a record updates it (refused if its version is not the "
                                "record's any more); any bad line imports nothing and the answer "
                                "lists every bad line",
                                "tags", e->table, "requestBody", "required", 1, "content",
                                "text/csv", "schema", "type", "string", "responses",
                                error_responses(json_pack("{s:{s:s,s:o}}", "200", "description",
                                                          "every line imported", "content",
                                                          json_content(schema_ref("Imported"))),
                                                "400 401 403 413 422"))));
        if (e->attachments) {
            char p5[96];
            snprintf(p5, sizeof p5, "/api/v1/%s/{id}/attachments", e->table);
            json_t *mp = json_pack("{s:b,s:{s:{s:{s:s,s:{s:{s:s,s:s}}}}}}", "required", 1,
                                   "content", "multipart/form-data", "schema", "type", "object",
                                   "properties", "file", "type", "string", "format", "binary");
            json_t *upload =
                op("Attach a file (PDF, PNG or JPEG by content, at most 20 MB)", e->table,
                   json_incref(idp), NULL, "201", schema_ref("Attachment"), "401 403 404 413 422");
            json_object_set_new(upload, "requestBody", mp);
            char p6[112];
            snprintf(p6, sizeof p6, "/api/v1/%s/{id}/attachments/{attachment}", e->table);
            json_object_set_new(
                paths, p6,
                json_pack("{s:o}", "delete",
                          op("Remove an attachment from the record (the removal is in its "
                             "history; the file stays for other records that hold it)",
                             e->table,
                             json_pack("[oo]", param("id", "path", "integer", "record id"),
                                       param("attachment", "path", "integer", "attachment id")),
                             NULL, "204", NULL, "401 403 404")));
            json_object_set_new(
                paths, p5,
                json_pack("{s:o,s:o}", "get",
                          op("The files attached to the record", e->table, json_incref(idp), NULL,
                             "200", schema_ref("Attachments"), "401 404"),
                          "post", upload));
        }
        /* a workflow: its steps */
        if (e->transitions) {
            json_t *states = json_array();
            const field *sf = &e->fields[entity_field_index(e, e->status_field)];
            for (const enum_opt *o = sf->opts; o->code; o++)
                json_array_append_new(states, json_string(o->code));
            char p4[80];
            snprintf(p4, sizeof p4, "/api/v1/%s/{id}/transition", e->table);
            json_object_set_new(
                paths, p4,
                json_pack("{s:o}", "post",
                          op("Take a workflow step; 403 when the role may not, 409 when the "
                             "step is not possible from the present state",
                             e->table, json_incref(idp),
                             json_pack("{s:s,s:{s:{s:s,s:o},s:{s:s}},s:[s]}", "type", "object",
                                       "properties", "to", "type", "string", "enum", states, "note",
                                       "type", "string", "required", "to"),
                             "200", schema_ref(e->name), "400 401 403 404 409 422")));
        }
        json_decref(idp);
    }
    json_t *doc = json_pack(
        "{s:s,s:{s:s,s:s,s:s},s:o,s:{s:o,s:{s:{s:s,s:s}}},s:[{s:[]}]}", "openapi", "3.1.0", "info",
        "title", "ngoaivu API", "version", "1", "description",
        "Records of a provincial Department of Foreign Affairs. Log in with POST /api/v1/login, "
        "then send Authorization: Bearer TOKEN.",
        "paths", paths, "components", "schemas", schemas, "securitySchemes", "bearer", "type",
        "http", "scheme", "bearer", "security", "bearer");
    reply_json(r, 200, doc);
}
