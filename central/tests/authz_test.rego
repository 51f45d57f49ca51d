# Tests of central/system/authz.rego, kept out of central/system/ so that the OPA started on
# that folder does not load them. Tokens here are made up; only their hashes are data.
package system.authz_test

import data.system.authz

tokens := {"client": [{"sha256": crypto.sha256("client-token"), "holder": "test"}], "admin": [{"sha256": crypto.sha256("admin-token"), "holder": "test"}]}

batch := ["v1", "data", "casegate", "main", "batch"]

test_client_may_ask_for_decisions if {
	authz.allow with input as {"method": "POST", "path": batch, "identity": "client-token"}
		with data.casegate_access.tokens as tokens
	authz.allow with input as {"method": "POST", "path": ["v1", "data", "casegate", "main", "decision"], "identity": "client-token"}
		with data.casegate_access.tokens as tokens
}

test_client_may_read_health_status_and_config if {
	every path in [["health"], ["v1", "status"], ["v1", "config"]] {
		authz.allow with input as {"method": "GET", "path": path, "identity": "client-token"}
			with data.casegate_access.tokens as tokens
	}
}

test_client_may_not_read_data_or_policies if {
	every path in [["v1", "data"], ["v1", "data", "casegate"], ["v1", "policies"], ["v1", "data", "casegate_access"]] {
		not authz.allow with input as {"method": "GET", "path": path, "identity": "client-token"}
			with data.casegate_access.tokens as tokens
	}
	not authz.allow with input as {"method": "POST", "path": ["v1", "data", "casegate", "main"], "identity": "client-token"}
		with data.casegate_access.tokens as tokens
	not authz.allow with input as {"method": "POST", "path": ["v1", "query"], "identity": "client-token"}
		with data.casegate_access.tokens as tokens
}

test_admin_may_read_and_query if {
	authz.allow with input as {"method": "GET", "path": ["v1", "policies"], "identity": "admin-token"}
		with data.casegate_access.tokens as tokens
	authz.allow with input as {"method": "POST", "path": ["v1", "query"], "identity": "admin-token"}
		with data.casegate_access.tokens as tokens
}

test_nobody_may_write if {
	every method in ["PUT", "PATCH", "DELETE"] {
		every token in ["client-token", "admin-token"] {
			every path in [["v1", "policies", "x"], ["v1", "data", "casegate"], batch] {
				not authz.allow with input as {"method": method, "path": path, "identity": token}
					with data.casegate_access.tokens as tokens
			}
		}
	}
}

test_no_token_or_unknown_token_is_refused if {
	not authz.allow with input as {"method": "POST", "path": batch}
		with data.casegate_access.tokens as tokens
	not authz.allow with input as {"method": "GET", "path": ["health"]}
		with data.casegate_access.tokens as tokens
	not authz.allow with input as {"method": "POST", "path": batch, "identity": "guess"}
		with data.casegate_access.tokens as tokens
	not authz.allow with input as {"method": "POST", "path": batch, "identity": crypto.sha256("client-token")}
		with data.casegate_access.tokens as tokens
}

test_committed_token_list_lets_nobody_in if {
	not authz.allow with input as {"method": "GET", "path": ["health"], "identity": "client-token"}
}
