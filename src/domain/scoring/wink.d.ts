/** wink's Porter2 stemmer ships inside the English model without its own type declaration. */
declare module 'wink-eng-lite-web-model/dist/porter-stemmer.js' {
  const stem: (word: string) => string;
  export default stem;
}
