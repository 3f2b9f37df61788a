// For tests: an event as an English reader sees it, so a test states the story in words and checks the facts.
import type { NewEvent } from "../events";
import { translator } from "./catalogue";
import { eventText } from "./eventText";

const english = translator("en");

export function englishText(e: NewEvent): string {
  return eventText(english, e);
}
