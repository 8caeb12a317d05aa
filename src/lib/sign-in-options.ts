/** How a session began: a required second factor is asked of password sign-ins only. */
export const signInMethods = ['password', 'sso'] as const;
export type SignInMethod = (typeof signInMethods)[number];

/** Whom the owner requires to sign in with a second factor. */
export const twoFactorRequirements = ['nobody', 'owners-managers', 'everyone'] as const;
export type TwoFactorRequirement = (typeof twoFactorRequirements)[number];
