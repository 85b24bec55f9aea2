# Haitao Search API / indexer image (used by docker-compose.yml). CPU-only PyTorch, the model bundled offline.
FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY search search
COPY indexer indexer
RUN pip install --no-cache-dir .
COPY data/demo data/demo
ENV HAITAO_HOST=0.0.0.0 HAITAO_PORT=8000
EXPOSE 8000
CMD ["haitao", "serve"]
