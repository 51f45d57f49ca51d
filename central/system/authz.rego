# METADATA
# description: |
#   Who may call the central OPA (run with --authentication=token --authorization=basic).
#   A caller is known only by the SHA-256 of its bearer token: data.casegate_access (tokens.json
#   beside this file) lists the hashes per role, so no token is ever stored in the repository.
#   Nobody may change policies or data through the API (PUT, PATCH, DELETE are never allowed):
#   the only way to change what the gate decides is a new signed bundle.
package system.authz

# Deny unless the rule below allows: no token, an unknown token or an unknown path is refused.
# METADATA
# title: allow
# description: Whether OPA serves the request.
# entrypoint: true
default allow := false

allow if {
	not input.method in writes
	some role in roles
	permitted(role)
}

# The methods that would change policies or data; refused to every role, admin included.
writes := {"PUT", "PATCH", "DELETE"}

# roles are the roles whose token list holds the hash of the caller's token. Empty without
# a token, since input.identity is then undefined.
roles contains role if {
	hash := crypto.sha256(input.identity)
	some role, holders in data.casegate_access.tokens
	some holder in holders
	holder.sha256 == hash
}

# client: pipelines and staff machines. Ask for decisions, and read health, status and the
# active configuration (no secrets: OPA leaves credentials and keys out of /v1/config), which
# `casegate doctor` needs to show the revision and whether the bundle signature is checked.
permitted("client") if {
	input.method == "POST"
	input.path in {["v1", "data", "casegate", "main", "batch"], ["v1", "data", "casegate", "main", "decision"]}
}

permitted("client") if {
	input.method == "GET"
	input.path in {["health"], ["v1", "status"], ["v1", "config"]}
}

# admin: security staff. Read anything and evaluate any query, but never write.
permitted("admin") if input.method in {"GET", "POST"}
