# Haitao Search API / indexer image (used by docker-compose.yml). CPU-only PyTorch, the model bundled offline.
# Every version comes from requirements.lock (torch as 2.13.0+cpu, from PyTorch's CPU index).
FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock --extra-index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY search search
COPY indexer indexer
RUN pip install --no-cache-dir --no-deps .
COPY data/demo data/demo
ENV HAITAO_HOST=0.0.0.0 HAITAO_PORT=8000
EXPOSE 8000
CMD ["haitao", "serve"]
