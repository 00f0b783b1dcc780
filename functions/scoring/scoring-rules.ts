/**
 * The selection's rules (R9), with no server import so that the commission's schemas and the
 * web application read the same figure.
 */

/** How many files the robot keeps for the landlord's commission: the best by score. */
export const selectionSize = 3;
