/** Who may open the admin page: admins. The server checks again on every request. */
export const canAdminister = (roles: readonly string[]) => roles.includes('ADMIN');

/** Who may see knowledge at risk and the records pages: HR and admins. The server checks again. */
export const canSeeRisk = (roles: readonly string[]) => roles.includes('HR') || roles.includes('ADMIN');
