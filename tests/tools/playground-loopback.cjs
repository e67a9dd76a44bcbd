// Preloaded (`node --require`) by the Playground end-to-end tests. The Playground calls server.listen(port) with no
// host, which binds every interface; a test needs loopback only, so a listen given just a port gets 127.0.0.1.
"use strict";
const net = require("node:net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const portOnly = typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]));
  if (portOnly && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
