/* The baseline: a C program that does nothing. What any program pays to be started and reaped. */
int main(void) { return 0; }
