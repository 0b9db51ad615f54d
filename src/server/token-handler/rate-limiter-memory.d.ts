// rate-limiter-flexible's memory limiter, imported from its own file (rate-limit.ts says why): the class its index
// exports, whose types the package declares only for the index.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export default RateLimiterMemory;
}
