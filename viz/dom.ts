/**
 * A DOM document for drawing charts from Node. Charts take the document as an
 * argument, so the same code draws into this jsdom document or the browser's.
 */
import { JSDOM } from 'jsdom';

/** A fresh, empty jsdom HTML document (its window also provides XMLSerializer). */
export function makeDocument(): Document {
  return new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>').window.document;
}
