// Addresses of the QA pages, shared by server and client components.
export const evaluationHref = (site: string, id: number) => `/qa/evaluations/${encodeURIComponent(site)}/${id}`;
export const worklistHref = (site: string, id: number) => `/qa/calibration/worklists/${encodeURIComponent(site)}/${id}`;
export const rescoreHref = (site: string, evaluationId: number) => `/qa/calibration/rescore/${encodeURIComponent(site)}/${evaluationId}`;
