export const WORDPRESS_7: '7.1';
export interface WordPress7 {
  /** The folder to copy a site from (the package's /usr/share/wordpress). */
  wordpress: string;
  /** The Norwegian .mo files (nb_NO.mo, continents-cities-n[bn]_NO.mo). */
  languages: string;
  /** WordPress's own $wp_version, e.g. 7.1.4. */
  version: string;
  /** Each package's Debian version. */
  packages: Record<string, string>;
}
export function wordpress7(): Promise<WordPress7>;
