#include "entities.h"

#include <string.h>

const entity *const ngv_entities[] = {&delegation_entity,
                                      &agreement_entity,
                                      &commitment_entity,
                                      &partner_entity,
                                      &contact_entity,
                                      &agency_entity,
                                      NULL};

const entity *entity_by_table(const char *table)
{
    for (int i = 0; table && ngv_entities[i]; i++)
        if (strcmp(ngv_entities[i]->table, table) == 0) return ngv_entities[i];
    return NULL;
}

const entity *entity_by_name(const char *name)
{
    for (int i = 0; name && ngv_entities[i]; i++)
        if (strcmp(ngv_entities[i]->name, name) == 0) return ngv_entities[i];
    return NULL;
}

const entity *entity_by_code(int code)
{
    for (int i = 0; ngv_entities[i]; i++)
        if (ngv_entities[i]->code == code) return ngv_entities[i];
    return NULL;
}
