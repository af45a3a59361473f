/** Links to detail pages. IDs are opaque, so they are always encoded. */
export const personPath = (id: string) => `/people/${encodeURIComponent(id)}`;
export const skillPath = (id: string) => `/skills/${encodeURIComponent(id)}`;
export const communityPath = (id: string) => `/communities/${encodeURIComponent(id)}`;
/** The expert search for a question; `?q=` keeps it shareable and in the history. */
export const searchPath = (question: string) => (question ? `/search?q=${encodeURIComponent(question)}` : '/search');
export const interviewPath = (id: string) => `/interviews/${encodeURIComponent(id)}`;
/** A question asked of the network; its e-mails link here with the question's external id, which works too. */
export const questionPath = (id: string) => `/questions/${encodeURIComponent(id)}`;
