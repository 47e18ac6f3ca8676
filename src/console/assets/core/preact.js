// Preact, its hooks and htm's `html` tag (JSX-like templates without a build step), from node_modules.
import { h, render } from '/console/vendor/preact.js';
import { useCallback, useEffect, useRef, useState } from '/console/vendor/preact-hooks.js';
import htm from '/console/vendor/htm.js';

export const html = htm.bind(h);
export { render, useCallback, useEffect, useRef, useState };
