# Haitao Search API / indexer image (used by docker-compose.yml). CPU-only PyTorch, the model bundled offline.
# Every version comes from requirements.lock (torch as 2.13.0+cpu, from PyTorch's CPU index).

# The storefront's copy of the JS client (search/api/static/haitao-client.js), a build output not in git.
FROM node:20-slim AS storefront
WORKDIR /app/clients/js
COPY clients/js/package.json clients/js/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY clients/js ./
RUN mkdir -p /app/search/api/static && npm run storefront

FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock --extra-index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY search search
COPY --from=storefront /app/search/api/static/haitao-client.js search/api/static/
COPY indexer indexer
RUN pip install --no-cache-dir --no-deps .
COPY data/demo data/demo
ENV HAITAO_HOST=0.0.0.0 HAITAO_PORT=8000
EXPOSE 8000
CMD ["haitao", "serve"]
