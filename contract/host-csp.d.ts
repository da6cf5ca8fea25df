export function hostCsp(options?: { service?: string; extraPolicies?: string[]; styleHashes?: string[] }): string;
