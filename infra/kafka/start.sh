#!/usr/bin/env bash
# Starts the compose broker with SASL/SCRAM: formats its storage on first start with the admin's SCRAM credential
# (the one user that must exist before anyone can authenticate: KIP-900), then runs the image's own start script,
# which skips formatting storage that is formatted already. The other users and the ACLs come from acls.sh.
set -euo pipefail

ADMIN_PASSWORD="$(cat /run/secrets/kafka-admin)"
FORMAT_CONFIG="$(mktemp)"
cat >"$FORMAT_CONFIG" <<PROPERTIES
process.roles=broker,controller
node.id=${KAFKA_NODE_ID}
controller.quorum.voters=${KAFKA_CONTROLLER_QUORUM_VOTERS}
controller.listener.names=CONTROLLER
listeners=${KAFKA_LISTENERS}
listener.security.protocol.map=${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP}
log.dirs=${KAFKA_LOG_DIRS}
PROPERTIES
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$FORMAT_CONFIG" \
    --add-scram "SCRAM-SHA-512=[name=admin,iterations=8192,password=$ADMIN_PASSWORD]"
rm -f "$FORMAT_CONFIG"

# The healthcheck's client settings (inside this container only).
cat >/tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_PASSWORD";
PROPERTIES

export KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$ADMIN_PASSWORD\";"
exec /etc/kafka/docker/run
