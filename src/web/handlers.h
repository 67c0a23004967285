// File: web/handlers.h
//
// The API's handlers, one function per route (routes are listed in app.cpp and described
// in docs/API.md). Handlers run after Application's checks; they parse input, call work/
// and store/, and build JSON.
#pragma once

#include "web/app.h"

namespace loa::web {

// handlers_system.cpp
Response handle_healthz(Call& call);
Response handle_metrics(Call& call);

// handlers_auth.cpp
Response handle_login(Call& call);
Response handle_logout(Call& call);
Response handle_me(Call& call);

// handlers_registry.cpp
Response handle_list_organisations(Call& call);
Response handle_get_organisation(Call& call);
Response handle_create_organisation(Call& call);

// handlers_admin.cpp
Response handle_list_users(Call& call);
Response handle_create_user(Call& call);
Response handle_list_audit(Call& call);

// handlers_plans.cpp
Response handle_import_plan(Call& call);
Response handle_list_plans(Call& call);
Response handle_get_plan(Call& call);
Response handle_update_plan(Call& call);
Response handle_activate_plan(Call& call);

Json user_json(const work::SignedInUser& user);

}  // namespace loa::web
