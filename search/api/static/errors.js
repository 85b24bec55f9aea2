// What a shopper reads when a search fails: plain Chinese, what to do next, never an operator's hint (keys,
// settings, status codes). The technical detail is shown only with ?debug=1.

import { HaitaoError } from "./api.js";

/** {title, advice, retry} for a failed request (a HaitaoError from the client, or anything else thrown). */
export function shopperMessage(error) {
  const status = error instanceof HaitaoError ? error.status : undefined;
  const kind = error instanceof HaitaoError ? error.kind : "network";
  if (kind === "timeout") {
    return { title: "搜索超时了", advice: "网络有点慢，请稍后再试。", retry: true };
  }
  if (kind === "network" || status === undefined) {
    return { title: "网络开小差了", advice: "请检查网络连接后重试。", retry: true };
  }
  if (status === 429) {
    const wait = error.retryAfterS ? `请 ${Math.ceil(error.retryAfterS)} 秒后` : "请稍等片刻再";
    return { title: "搜索的人太多了", advice: `${wait}试试。`, retry: true };
  }
  if (status === 422 || status === 400) {
    return { title: "没能理解这次搜索", advice: "请换个搜索词，或清除筛选条件后再试。", retry: false, clear: true };
  }
  if (status === 401 || status === 403) {
    return { title: "商店暂时无法搜索", advice: "我们正在处理，请稍后再试。", retry: true };
  }
  return { title: "搜索服务暂时不可用", advice: "我们正在抓紧恢复，请稍后再试。", retry: true };
}

/** The detail for the people who run the shop (shown only with ?debug=1). */
export function technicalDetail(error) {
  if (error instanceof HaitaoError) return error.message;
  return String(error?.message ?? error);
}
