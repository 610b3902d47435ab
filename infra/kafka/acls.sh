#!/usr/bin/env bash
# The broker's SCRAM users and ACLs, applied at every start by the one-shot `kafka-acls` container of
# docker-compose.yml (apache/kafka image), as User:admin over SASL. Idempotent: re-adding a user or an ACL is a no-op.
#
# The rules are derived, not written by hand: `wijk kafka-acls` (tooling/kafka_acls.py) prints one rule a line,
#   User:<principal> <Read|Write> <topic|group> <name> <literal|prefixed>
# from the contract's topics, the services' wiring and the municipality's partners.json; the `topics` container
# writes them to $ACL_DIR/rules.txt and the principals to $ACL_DIR/principals.txt. tests/contract/test_kafka_acls.py
# checks that each principal's rights are exactly its own topics.
#
# Environment:
#   BOOTSTRAP       bootstrap server (default kafka:9092)
#   ACL_DIR         where rules.txt and principals.txt are (default /opt/wijk/acls)
#   SECRETS_DIR     one password file per principal, named after it (default /run/secrets/kafka): admin must have
#                   one; a principal without one is skipped with a warning (a partner not onboarded yet, a service
#                   this deployment does not run) and cannot connect
#   KAFKA_BIN       Kafka's scripts (default /opt/kafka/bin, as in apache/kafka)
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
ACL_DIR="${ACL_DIR:-/opt/wijk/acls}"
SECRETS_DIR="${SECRETS_DIR:-/run/secrets/kafka}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
ADMIN_CONFIG="$(mktemp)"
trap 'rm -f "$ADMIN_CONFIG"' EXIT

cat >"$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat "$SECRETS_DIR/admin")";
PROPERTIES

# Every principal gets its SCRAM credential (admin's was made when the storage was formatted: infra/kafka/start.sh).
while read -r principal; do
    [[ -z "$principal" || "$principal" == admin ]] && continue
    if [[ ! -s "$SECRETS_DIR/$principal" ]]; then
        echo "warning: no password for $principal: it cannot connect until one is in $SECRETS_DIR" >&2
        continue
    fi
    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --alter \
        --entity-type users --entity-name "$principal" \
        --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$SECRETS_DIR/$principal")]" >/dev/null
done <"$ACL_DIR/principals.txt"

# Deny by default (the broker's allow.everyone.if.no.acl.found=false), then exactly these rules. Describe goes
# with every Read and Write; nobody but admin may Create, Delete or Alter.
count=0
while read -r principal operation resource name pattern; do
    [[ -z "$principal" ]] && continue
    "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add \
        --allow-principal "$principal" --operation "$operation" --operation Describe \
        "--$resource" "$name" --resource-pattern-type "$pattern" >/dev/null
    count=$((count + 1))
done <"$ACL_DIR/rules.txt"

echo "$count ACLs in place on $BOOTSTRAP."
