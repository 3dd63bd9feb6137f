/** The app's version, injected at build time; "dev" when running from source (tests). */
declare const __VANTHU_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __VANTHU_VERSION__ === 'string' ? __VANTHU_VERSION__ : 'dev';
