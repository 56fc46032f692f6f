#!/bin/bash
# Reproduces the ~1-s stall of issue 20 launches without homeground: a router namespace, a veth
# to an "instance" namespace, the router side (link up, /32 route) made before the instance side
# (as vnet::Fabric::attach does). `early` sends one SYN in between. Runs as root; uses nbtest-*
# namespaces. Moving the route after the instance side (route last) removes the stall.
# $1 = early|none : send a SYN before the instance end is up
set -e
R=nbtest-r; I=nbtest-i
ip netns del $R 2>/dev/null || true; ip netns del $I 2>/dev/null || true
ip netns add $R; ip netns add $I
ip -n $R link set lo up
ip -n $R addr add 10.99.0.1/32 dev lo
ip -n $R link add vX type veth peer name eth0 netns $I
ip -n $R link set vX up
ip -n $R route replace 10.99.0.5/32 dev vX
if [ "$1" = early ]; then
  ip netns exec $R python3 -c "
import socket
try: socket.create_connection(('10.99.0.5',8080),timeout=0.01)
except OSError as e: print('early SYN:', type(e).__name__)"
fi
ip -n $I link set lo up
ip -n $I addr add 10.99.0.5/32 dev eth0
ip -n $I link set eth0 up
ip -n $I route add default via 10.99.0.1 dev eth0 onlink
ip netns exec $I python3 -c "
import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(('10.99.0.5',8080)); s.listen(128); time.sleep(4)" &
sleep 0.05
ip netns exec $R python3 -c "
import socket,time
t0=time.time(); n=0
while time.time()-t0<3:
    n+=1
    try:
        socket.create_connection(('10.99.0.5',8080),timeout=0.01).close(); print('connected after %.0f ms, %d attempts'%((time.time()-t0)*1000,n)); break
    except OSError: time.sleep(0.002)
else: print('never')"
ip -n $R neigh show
wait
ip netns del $R; ip netns del $I
