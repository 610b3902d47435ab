# One image for every service and for the one-shot `wijk topics create`:
#   docker run IMAGE service intake      (see docker-compose.yml and docs/deployment.md)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# psycopg (eventsourcing's PostgreSQL driver) is the pure-Python build: it loads the system libpq.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Dependencies first, from the lock only, so code changes do not invalidate this layer.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# The project itself; keep in step with [tool.hatch.build.targets.wheel] in pyproject.toml.
COPY pyproject.toml README.md ./
COPY contracts ./contracts
COPY kernel ./kernel
COPY wijk ./wijk
COPY tooling ./tooling
COPY services ./services
RUN pip install --no-deps . && rm -rf /src

# The municipality's configuration is data, not part of the wheel; mount another file and point the setting at it.
COPY config /opt/wijk/config
ENV WIJK_MUNICIPALITY_CONFIG=/opt/wijk/config/almere/municipality.json

RUN useradd --create-home --uid 10001 --user-group wijk
USER wijk
WORKDIR /home/wijk

# intake, planning, budget, backoffice, care, debt, reporting
EXPOSE 8101 8102 8103 8104 8105 8106 8107

ENTRYPOINT ["wijk"]
CMD ["--help"]
