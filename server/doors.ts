import type { Auth } from "./auth";
import type { Engine } from "./engine";
import type { Gate } from "./gate";
import type { Room } from "./room";

/** What the socket hub and the HTTP API share: the engine, who someone is, the one door, and the room. */
export interface Doors {
  engine: Engine;
  auth: Auth;
  gate: Gate;
  room: Room;
}
