// exifr's lite build (JPEG, HEIC and TIFF; EXIF and GPS blocks) has the full build's API; the package declares only the full one.
declare module 'exifr/dist/lite.esm.mjs' {
  export * from 'exifr';
  export { default } from 'exifr';
}
