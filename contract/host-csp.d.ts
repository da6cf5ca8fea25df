export function hostCsp(options?: { service?: string; extraPolicies?: string[] }): string;
