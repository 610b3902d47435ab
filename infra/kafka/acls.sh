#!/usr/bin/env bash
# Kafka ACLs for the wijkteam topics (infra/kafka/README.md explains the table). Idempotent: re-adding an ACL is a no-op.
# Not run by docker compose. With SASL enabled (below), run it once as the admin principal:
#   docker compose exec kafka bash /opt/wijk/kafka/acls.sh
#
# Environment:
#   BOOTSTRAP       bootstrap server (default kafka:9092)
#   ADMIN_CONFIG    client properties of User:admin, e.g. /opt/wijk/kafka/admin.properties (not in the repo):
#                     security.protocol=SASL_PLAINTEXT
#                     sasl.mechanism=PLAIN
#                     sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \
#                       username="admin" password="...";
#   KAFKA_ACLS      path of kafka-acls.sh (default /opt/kafka/bin/kafka-acls.sh, as in apache/kafka)
#
# Enabling SASL and ACLs in docker-compose.yml (ACLs are meaningless on PLAINTEXT: every client is User:ANONYMOUS):
#   kafka.environment (the client listener is renamed CLIENT; KAFKA_X_Y is the property x.y):
#     KAFKA_LISTENERS: CLIENT://:9092,CONTROLLER://:9093
#     KAFKA_ADVERTISED_LISTENERS: CLIENT://kafka:9092
#     KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
#     KAFKA_INTER_BROKER_LISTENER_NAME: CLIENT
#     KAFKA_SASL_ENABLED_MECHANISMS: PLAIN
#     KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL: PLAIN
#     KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL: PLAIN
#     KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG and KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG:
#       org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="..."
#         user_admin="..." user_intake="..." user_planning="..." ... user_partner-school="..." ...;
#     KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer
#     KAFKA_SUPER_USERS: User:admin
#     KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: "false"
#   and the healthcheck needs --command-config with the admin properties.
#   Use SASL_SSL with SCRAM-SHA-512 instead of SASL_PLAINTEXT/PLAIN on any network you do not fully control
#   (SCRAM users: kafka-configs.sh --alter --entity-type users --entity-name intake --add-config 'SCRAM-SHA-512=[password=...]').
#   The clients must then authenticate too: the topics container as admin, each service as its own principal. The
#   platform has no Kafka SASL settings yet (wijk/settings.py has only WIJK_KAFKA_BOOTSTRAP); they must be added before
#   this can be switched on.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
KAFKA_ACLS="${KAFKA_ACLS:-/opt/kafka/bin/kafka-acls.sh}"

SERVICES=(intake planning budget backoffice care debt reporting)
PARTNERS=(school gp housing energy water insurer)

acl() {
    local args=(--bootstrap-server "$BOOTSTRAP")
    if [[ -n "${ADMIN_CONFIG:-}" ]]; then
        args+=(--command-config "$ADMIN_CONFIG")
    fi
    "$KAFKA_ACLS" "${args[@]}" --add "$@"
}

facts() { echo "nl.wijkteam.$1.facts"; }
signals() { echo "nl.wijkteam.partner.$1.signals"; }
deadletter() { echo "nl.wijkteam.$1.deadletter"; }

# writes PRINCIPAL TOPIC: produce to one topic (no Create: topics are made by admin only).
writes() {
    acl --allow-principal "User:$1" --operation Write --operation Describe --topic "$2"
}

# reads PRINCIPAL TOPIC: consume one topic.
reads() {
    acl --allow-principal "User:$1" --operation Read --operation Describe --topic "$2"
}

# groups PRINCIPAL: consumer groups whose id starts with PRINCIPAL.
groups() {
    acl --allow-principal "User:$1" --operation Read --operation Describe --group "$1" --resource-pattern-type prefixed
}

# Every service: its own facts (reporting publishes none) and its own dead-letter topic, which it also reads to retry.
for service in "${SERVICES[@]}"; do
    if [[ "$service" != reporting ]]; then
        writes "$service" "$(facts "$service")"
    fi
    writes "$service" "$(deadletter "$service")"
    reads "$service" "$(deadletter "$service")"
    groups "$service"
done

# intake: every partner's signals; decisions and letters stop the statutory clocks.
for partner in "${PARTNERS[@]}"; do
    reads intake "$(signals "$partner")"
done
reads intake "$(facts planning)"
reads intake "$(facts backoffice)"

for upstream in intake budget backoffice care debt; do
    reads planning "$(facts "$upstream")"
done

for upstream in planning backoffice care; do
    reads budget "$(facts "$upstream")"
done

for upstream in planning budget care; do
    reads backoffice "$(facts "$upstream")"
done

reads care "$(facts backoffice)"

reads debt "$(facts intake)"
reads debt "$(facts backoffice)"

for upstream in intake planning budget backoffice care debt; do
    reads reporting "$(facts "$upstream")"
done

# Partners: write only their own signal topic; read it back to check their deliveries, nothing else.
for partner in "${PARTNERS[@]}"; do
    writes "partner-$partner" "$(signals "$partner")"
    reads "partner-$partner" "$(signals "$partner")"
    groups "partner-$partner"
done

echo "ACLs in place on $BOOTSTRAP."
